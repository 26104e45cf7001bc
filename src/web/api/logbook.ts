import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { FieldError } from '../../contracts/errors.ts';
import { EVIDENCE_FIELD, type EvidenceFile, type Logbook, type RecordThreatInput } from '../../contracts/logbook.ts';
import { lifecycleKeys } from './caseLifecycle.ts';
import { ApiError, apiPath, get, post, api } from './client.ts';
import { CASE_CACHE } from './queries.ts';

/**
 * The client's threat logbook. Like every case read: fetched only while the tab
 * shows it (each read is audited) and dropped from memory right after. Writes
 * are plain calls; the typed text and the chosen files stay in the component.
 */
export const logbookKeys = { logbook: (id: string) => ['cases', 'logbook', id] as const };

export function useLogbook(caseId: string) {
  return useQuery({
    queryKey: logbookKeys.logbook(caseId),
    queryFn: () => get<Logbook>(apiPath('/api/cases', caseId, 'logbook')),
    ...CASE_CACHE,
  });
}

/** Reads the logbook (and the timeline, which notes each change) again. */
export function useRefreshLogbook(caseId: string) {
  const qc = useQueryClient();
  return useCallback(async () => {
    void qc.invalidateQueries({ queryKey: lifecycleKeys.timeline(caseId) });
    await qc.invalidateQueries({ queryKey: logbookKeys.logbook(caseId) });
  }, [qc, caseId]);
}

export function recordThreat(caseId: string, input: RecordThreatInput) {
  return post<{ id: string }>(apiPath('/api/cases', caseId, 'logbook'), input);
}

export function removeEvidence(caseId: string, fileId: string) {
  return api<void>('DELETE', apiPath('/api/cases', caseId, 'logbook', 'evidence', fileId));
}

/** The download address: ids only, never the file's name. */
export function evidenceUrl(caseId: string, fileId: string): string {
  return apiPath('/api/cases', caseId, 'logbook', 'evidence', fileId);
}

function uploadError(status: number, text: string): ApiError {
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; fields?: unknown }; correlationId?: unknown };
    const code = typeof body.error?.code === 'string' ? body.error.code : status >= 500 ? 'internal' : 'unknown';
    const fields = Array.isArray(body.error?.fields) ? (body.error.fields as FieldError[]).filter((f) => f && typeof f.code === 'string') : [];
    return new ApiError(status, code, typeof body.error?.message === 'string' ? body.error.message : '', fields, typeof body.correlationId === 'string' ? body.correlationId : undefined);
  } catch {
    // A proxy in front of Exitdesk may refuse a large body with its own page.
    return new ApiError(status, status === 413 ? 'file_too_large' : status >= 500 ? 'internal' : 'unknown', '');
  }
}

/**
 * Uploads one file with progress (fetch cannot report upload progress, so this
 * is XMLHttpRequest). Same origin, session cookie, nothing cached.
 */
export function uploadEvidence(caseId: string, entryId: string, file: File, onProgress: (fraction: number) => void, signal?: AbortSignal): Promise<EvidenceFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiPath('/api/cases', caseId, 'logbook', entryId, 'evidence'));
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status === 201) {
        try { resolve(JSON.parse(xhr.responseText) as EvidenceFile); } catch { reject(new ApiError(xhr.status, 'unknown', '')); }
        return;
      }
      reject(uploadError(xhr.status, xhr.responseText));
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'Exitdesk cannot be reached.'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', ''));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const form = new FormData();
    form.append(EVIDENCE_FIELD, file, file.name);
    xhr.send(form);
  });
}
