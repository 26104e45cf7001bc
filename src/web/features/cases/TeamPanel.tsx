import { Badge, Button, Card, Checkbox, Group, Paper, Select, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../contracts/cases.ts';
import type { FieldError } from '../../../contracts/errors.ts';
import type { StaffSummary } from '../../../contracts/staff.ts';
import { isApiError } from '../../api/client.ts';
import { useSetTeam, useStaff } from '../../api/queries.ts';
import { Empty, FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldMessage } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { caseWorkingRoles } from '../../lib/roles.ts';
import { useCurrentUser } from '../../session.tsx';
import { TeamRoleBadge } from './badges.tsx';

type TeamRole = 'lead' | 'member';

function sortTeam<T extends { role: TeamRole; name: string }>(team: T[]): T[] {
  return [...team].sort((a, b) => (a.role === b.role ? a.name.localeCompare(b.name) : a.role === 'lead' ? -1 : 1));
}

export function TeamPanel({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [editing, setEditing] = useState(false);
  const mayEdit = detail.may.setTeam;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="team-heading">
      <Stack gap="md">
        <Group justify="space-between" gap="xs">
          <Title order={2} size="h4" id="team-heading">{t('team.title')}</Title>
          {mayEdit && !editing ? <Button variant="light" size="xs" onClick={() => setEditing(true)}>{t('team.edit')}</Button> : null}
        </Group>
        {editing ? (
          <TeamEditor detail={detail} onDone={() => setEditing(false)} />
        ) : detail.team.length === 0 ? (
          <Empty title={t('team.emptyTitle')}>{mayEdit ? t('team.emptyBodyManager') : t('team.emptyBody')}</Empty>
        ) : (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {sortTeam(detail.team).map((m) => (
              <Group component="li" key={m.staffId} justify="space-between" wrap="nowrap" gap="sm">
                <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                  {m.name}
                  {m.staffId === me.id ? <Text span c="dimmed" size="sm"> ({t('team.you')})</Text> : null}
                </Text>
                <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                  {m.identityAccess ? <Badge variant="light" color="teal" style={{ flexShrink: 0 }}>{t('lifecycle.team.identityBadge')}</Badge> : null}
                  <TeamRoleBadge role={m.role} />
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

type Person = { id: string; name: string; label: string };

/**
 * Managers choose who works on the case: one "Lead worker" field (so there is
 * never more than one lead) and a list of further members. Only active staff
 * in case-working roles can be picked.
 */
function TeamEditor({ detail, onDone }: { detail: CaseDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const staff = useStaff();
  const save = useSetTeam(detail.id);
  const [lead, setLead] = useState<string | null>(() => detail.team.find((m) => m.role === 'lead')?.staffId ?? null);
  const [members, setMembers] = useState<string[]>(() =>
    sortTeam(detail.team).filter((m) => m.role === 'member').map((m) => m.staffId));
  const [addSearch, setAddSearch] = useState('');
  // Who of the team may reveal and change the sealed identity (managers always may).
  const [access, setAccess] = useState<Record<string, boolean>>(() => Object.fromEntries(detail.team.map((m) => [m.staffId, m.identityAccess])));
  const toggleAccess = (id: string, on: boolean) => { reset(); setAccess((a) => ({ ...a, [id]: on })); };
  const [errors, setErrors] = useState<{ lead?: string; members: Record<string, string>; other: string[] }>({ members: {}, other: [] });

  // Everybody who may be picked, plus whoever is on the team now (so their names always show).
  const people = useMemo(() => {
    const map = new Map<string, Person>();
    const label = (s: Pick<StaffSummary, 'name' | 'role'>) => `${s.name} (${t(`roles.${s.role}`)})`;
    for (const m of detail.team) map.set(m.staffId, { id: m.staffId, name: m.name, label: m.name });
    for (const s of staff.data ?? []) {
      if (map.has(s.id)) map.set(s.id, { id: s.id, name: s.name, label: label(s) });
      else if (!s.disabled && caseWorkingRoles.includes(s.role)) map.set(s.id, { id: s.id, name: s.name, label: label(s) });
    }
    return [...map.values()].sort((a, b) => a.name.localeCompare(b.name));
  }, [detail.team, staff.data, t]);
  const byId = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);

  const reset = () => { setErrors({ members: {}, other: [] }); save.reset(); };

  const chooseLead = (id: string | null) => {
    reset();
    setLead(id);
    // Someone made lead is no longer also a plain member.
    if (id) setMembers((ms) => ms.filter((m) => m !== id));
  };
  const addMember = (id: string | null) => {
    if (!id) return;
    reset();
    setMembers((ms) => (ms.includes(id) ? ms : [...ms, id]));
    setAddSearch('');
  };
  const removeMember = (id: string) => {
    reset();
    setMembers((ms) => ms.filter((m) => m !== id));
  };

  const onSave = (e: FormEvent) => {
    e.preventDefault();
    reset();
    const order = [...(lead ? [lead] : []), ...members];
    const body = order.map((staffId) => ({ staffId, role: (staffId === lead ? 'lead' : 'member') as TeamRole, identityAccess: access[staffId] ?? false }));
    save.mutate({ members: body, expectedVersion: detail.version }, {
      onSuccess: () => {
        notify(t('team.saved'));
        onDone();
      },
      onError: (err) => {
        if (!isApiError(err)) return;
        const next: { lead?: string; members: Record<string, string>; other: string[] } = { members: {}, other: [] };
        const place = (f: FieldError) => {
          const m = /^members\.(\d+)(\.|$)/.exec(f.path);
          const id = m ? order[Number(m[1])] : undefined;
          const message = fieldMessage(t, f);
          if (id && id === lead) next.lead ??= message;
          else if (id) next.members[id] ??= message;
          else next.other.push(message);
        };
        err.fields.forEach(place);
        setErrors(next);
      },
    });
  };

  if (staff.isPending) return <Loading minHeight={80} />;
  if (staff.isError) return <LoadError error={staff.error} onRetry={() => void staff.refetch()} />;

  const leadOptions = people.map((p) => ({ value: p.id, label: p.label }));
  const memberOptions = people.filter((p) => p.id !== lead && !members.includes(p.id)).map((p) => ({ value: p.id, label: p.label }));

  return (
    <form onSubmit={onSave} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">{t('team.editHelp')}</Text>
        <Text size="sm" c="dimmed">{t('lifecycle.team.identityHelp')}</Text>
        <FormError error={save.error} other={errors.other} />
        <Select
          label={t('team.lead')}
          placeholder={t('team.noLeadPlaceholder')}
          data={leadOptions}
          value={lead}
          onChange={chooseLead}
          searchable
          clearable
          clearButtonProps={{ 'aria-label': t('team.clearLead') }}
          nothingFoundMessage={t('team.nobodyFound')}
          error={errors.lead}
          comboboxProps={{ withinPortal: false, keepMounted: false }}
          withScrollArea={false}
          styles={{ dropdown: { maxHeight: 360, overflowY: 'auto' } }}
        />
        {lead ? (
          <Checkbox
            label={<>{t('lifecycle.team.identityAccess')}<VisuallyHidden> {byId.get(lead)?.name}</VisuallyHidden></>}
            checked={access[lead] ?? false}
            onChange={(e) => toggleAccess(lead, e.currentTarget.checked)}
          />
        ) : null}
        <Stack gap={6}>
          <Text size="sm" fw={500} id="team-members-label">{t('team.members')}</Text>
          {members.length === 0 ? (
            <Text size="sm" c="dimmed">{t('team.noMembers')}</Text>
          ) : (
            <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-labelledby="team-members-label">
              {members.map((id) => {
                const p = byId.get(id);
                return (
                  <Card component="li" key={id} withBorder radius="sm" padding="xs">
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{p?.label ?? id}</Text>
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => removeMember(id)} style={{ flexShrink: 0 }}>
                        {t('team.remove')}<VisuallyHidden> {p?.name}</VisuallyHidden>
                      </Button>
                    </Group>
                    <Checkbox
                      mt={6}
                      label={<>{t('lifecycle.team.identityAccess')}<VisuallyHidden> {p?.name}</VisuallyHidden></>}
                      checked={access[id] ?? false}
                      onChange={(e) => toggleAccess(id, e.currentTarget.checked)}
                    />
                    {errors.members[id] ? <Text size="xs" c="red.9" mt={4} role="alert">{errors.members[id]}</Text> : null}
                  </Card>
                );
              })}
            </Stack>
          )}
        </Stack>
        <Select
          label={t('team.add')}
          placeholder={memberOptions.length ? t('team.choosePerson') : t('team.nobodyToAdd')}
          data={memberOptions}
          value={null}
          onChange={addMember}
          searchable
          searchValue={addSearch}
          onSearchChange={setAddSearch}
          disabled={memberOptions.length === 0}
          nothingFoundMessage={t('team.nobodyFound')}
          comboboxProps={{ withinPortal: false, keepMounted: false }}
          withScrollArea={false}
          styles={{ dropdown: { maxHeight: 360, overflowY: 'auto' } }}
        />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending} disabled={save.isPending}>{t('team.save')}</Button>
          <Button variant="default" onClick={onDone} disabled={save.isPending}>{t('common.cancel')}</Button>
        </Group>
      </Stack>
    </form>
  );
}
