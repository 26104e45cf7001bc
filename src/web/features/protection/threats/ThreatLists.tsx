import { ActionIcon, Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { KnowledgeEntry, ThreatAnalysis, ThreatLink } from '../../../../contracts/threats.ts';
import { removeKnowledge, removeThreatLink, useThreatChange } from '../../../api/threats.ts';
import { useFormat } from '../../../lib/format.ts';
import { notify } from '../../../lib/notify.ts';
import { Fact } from '../../cases/caseShared.tsx';
import { actorNode, CLIENT, staffNode, targetNode, type NodeId } from './layout.ts';
import { ConfirmRemove, KindBadge, LevelBadge, useNodeName } from './shared.tsx';

function Section({ id, title, empty, count, children }: { id: string; title: string; empty: string; count: number; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={2} size="h4" id={id}>{title}</Title>
        {count === 0 ? <Text size="sm" c="dimmed">{empty}</Text> : (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>{children}</Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** A name that opens its node, as a link-styled button (the same as clicking it in the picture). */
function Opener({ name, onOpen }: { name: string; onOpen: () => void }) {
  return <Anchor component="button" type="button" fw={600} size="sm" onClick={onOpen} style={{ textAlign: 'left' }}>{name}</Anchor>;
}

/**
 * The text alternative to the picture, always shown: every actor with its
 * capability and intent, every link as a sentence, and the staff involved.
 */
export function ActorList({ analysis, codename, onOpen }: { analysis: ThreatAnalysis; codename: string; onOpen: (id: NodeId) => void }) {
  const { t } = useTranslation();
  return (
    <Section id="threat-actors-heading" title={t('protection.threats.actorsTitle')} empty={t('protection.threats.noActors')} count={analysis.actors.length + 1}>
      <Paper component="li" withBorder radius="sm" p="sm">
        <Group gap="xs" justify="space-between"><Opener name={t('protection.threats.clientNamed', { codename })} onOpen={() => onOpen(CLIENT)} /><KindBadge kind="client" /></Group>
      </Paper>
      {analysis.actors.length === 0 ? <Text component="li" size="sm" c="dimmed">{t('protection.threats.noActors')}</Text> : null}
      {analysis.actors.map((a) => (
        <Paper component="li" key={a.id} withBorder radius="sm" p="sm">
          <Stack gap={6}>
            <Group gap="xs" justify="space-between" align="flex-start">
              <Opener name={a.name} onOpen={() => onOpen(actorNode(a.id))} />
              <KindBadge kind={a.kind} />
            </Group>
            {a.role ? <Text size="sm">{a.role}</Text> : null}
            <Group gap={6}><LevelBadge what="capability" level={a.capability} /><LevelBadge what="intent" level={a.intent} /></Group>
          </Stack>
        </Paper>
      ))}
      {analysis.staff.map((s) => (
        <Paper component="li" key={s.staffId} withBorder radius="sm" p="sm">
          <Group gap="xs" justify="space-between" align="flex-start">
            <Stack gap={0}>
              <Opener name={s.name} onOpen={() => onOpen(staffNode(s.staffId))} />
              <Text size="xs" c="dimmed">
                {t(`roles.${s.staffRole}`, { defaultValue: s.staffRole })} · {s.teamRole ? t(`teamRoles.${s.teamRole}`) : t('cases.notOnTeam')}
              </Text>
            </Stack>
            <KindBadge kind="staff" />
          </Group>
        </Paper>
      ))}
    </Section>
  );
}

/** "Who is linked to whom", one sentence per link, optionally only those touching one node. */
export function LinkList({ caseId, analysis, codename, mayEdit, only }: { caseId: string; analysis: ThreatAnalysis; codename: string; mayEdit: boolean; only?: NodeId }) {
  const { t } = useTranslation();
  const nameOf = useNodeName(analysis, codename);
  const [removing, setRemoving] = useState<ThreatLink | null>(null);
  const remove = useThreatChange(caseId, (id: string) => removeThreatLink(caseId, id));
  const links = only ? analysis.links.filter((l) => actorNode(l.fromActorId) === only || targetNode(l.to) === only) : analysis.links;
  const sentence = (l: ThreatLink) => t('protection.threats.linkSentence', { from: nameOf(actorNode(l.fromActorId)), to: nameOf(targetNode(l.to)), relation: l.relation });
  const list = (
    <>
      {links.map((l) => (
        <Paper component="li" key={l.id} withBorder radius="sm" p="sm">
          <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
            <Text size="sm" className="note-text">{sentence(l)}</Text>
            {mayEdit ? (
              <ActionIcon variant="outline" color="red.9" aria-label={t('protection.threats.removeLinkNamed', { link: sentence(l) })} onClick={() => setRemoving(l)}>
                <span aria-hidden="true">✕</span>
              </ActionIcon>
            ) : null}
          </Group>
        </Paper>
      ))}
      {removing ? (
        <ConfirmRemove
          title={t('protection.threats.removeLinkTitle')} body={sentence(removing)} pending={remove.pending} error={remove.error}
          onClose={() => { remove.reset(); setRemoving(null); }}
          onConfirm={() => void remove.run(removing.id).then((r) => { if (r.ok) { notify(t('protection.threats.linkRemoved')); setRemoving(null); } })}
        />
      ) : null}
    </>
  );
  if (only) {
    return links.length === 0 ? <Text size="sm" c="dimmed">{t('protection.threats.noLinksHere')}</Text> : <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>{list}</Stack>;
  }
  return <Section id="threat-links-heading" title={t('protection.threats.linksTitle')} empty={t('protection.threats.noLinks')} count={links.length}>{list}</Section>;
}

export function KnowledgeList({ caseId, knowledge, mayEdit }: { caseId: string; knowledge: KnowledgeEntry[]; mayEdit: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [removing, setRemoving] = useState<KnowledgeEntry | null>(null);
  const remove = useThreatChange(caseId, (id: string) => removeKnowledge(caseId, id));
  return (
    <Section id="threat-knowledge-heading" title={t('protection.threats.knowledgeTitle')} empty={t('protection.threats.noKnowledge')} count={knowledge.length}>
      {knowledge.map((k) => (
        <Paper component="li" key={k.id} withBorder radius="sm" p="sm">
          <Stack gap={6}>
            <Group gap="xs" justify="space-between" wrap="nowrap" align="flex-start">
              <Badge variant="outline" color="grape.9" style={{ flexShrink: 1 }}>{t(`protection.threats.categories.${k.category}`)}</Badge>
              {mayEdit ? (
                <ActionIcon variant="outline" color="red.9" aria-label={t('protection.threats.removeKnowledgeNamed', { category: t(`protection.threats.categories.${k.category}`) })} onClick={() => setRemoving(k)}>
                  <span aria-hidden="true">✕</span>
                </ActionIcon>
              ) : null}
            </Group>
            <Fact label={t('protection.threats.fields.knowledgeNotes')}>{k.notes}</Fact>
            <Text size="xs" c="dimmed">{t('lifecycle.recordedBy', { name: k.recordedByName ?? t('accessLog.unknownActor'), date: fmt.dateTime(k.recordedAt) })}</Text>
          </Stack>
        </Paper>
      ))}
      {removing ? (
        <ConfirmRemove
          title={t('protection.threats.removeKnowledgeTitle')} body={t(`protection.threats.categories.${removing.category}`)} pending={remove.pending} error={remove.error}
          onClose={() => { remove.reset(); setRemoving(null); }}
          onConfirm={() => void remove.run(removing.id).then((r) => { if (r.ok) { notify(t('protection.threats.knowledgeRemoved')); setRemoving(null); } })}
        />
      ) : null}
    </Section>
  );
}
