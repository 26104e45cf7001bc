import { Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../contracts/cases.ts';
import type { ThreatActorKind } from '../../../contracts/threats.ts';
import { isApiError } from '../../api/client.ts';
import { useThreats } from '../../api/threats.ts';
import { LoadError, Loading } from '../../components/states.tsx';
import { ClosureNote } from '../cases/StateActions.tsx';
import { AddActorModal } from './threats/ActorForm.tsx';
import { KnowledgeModal } from './threats/KnowledgeModal.tsx';
import type { NodeId } from './threats/layout.ts';
import { LinkModal } from './threats/LinkModal.tsx';
import { NodeDrawer } from './threats/NodeDrawer.tsx';
import { ThreatHistory } from './threats/ThreatHistory.tsx';
import { ActorList, KnowledgeList, LinkList } from './threats/ThreatLists.tsx';
import { ThreatNetwork } from './threats/ThreatNetwork.tsx';

type Open = { form: 'actor'; kind: ThreatActorKind } | { form: 'link'; from?: string } | { form: 'knowledge' } | null;

/**
 * The threat analysis (guideline: analyse the threats): who threatens the
 * client, how they are linked to each other, the client and the staff, and
 * what dangerous knowledge the client holds. Managers and the case team only.
 */
export function ThreatsTab({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const threats = useThreats(detail.id);
  const [open, setOpen] = useState<Open>(null);
  const [node, setNode] = useState<NodeId | null>(null);

  if (threats.isPending) return <Loading />;
  if (threats.isError) {
    // A 403 here means the reader sees the case but not this part (an emergency reader).
    if (isApiError(threats.error) && threats.error.status === 403) return <Text size="sm" c="dimmed">{t('protection.threats.notForYou')}</Text>;
    return <LoadError error={threats.error} onRetry={() => void threats.refetch()} />;
  }
  const a = threats.data;
  const reload = async () => (await threats.refetch()).data;

  return (
    <Stack gap="lg">
      <ClosureNote detail={detail} />
      <Stack gap={4}>
        <Title order={2} size="h3">{t('protection.threats.title')}</Title>
        <Text size="sm" c="dimmed" maw={720}>{t('protection.threats.help')}</Text>
      </Stack>
      {a.mayEdit ? (
        <Group gap="xs">
          <Button variant="light" onClick={() => setOpen({ form: 'actor', kind: 'group' })}>{t('protection.threats.addGroup')}</Button>
          <Button variant="light" onClick={() => setOpen({ form: 'actor', kind: 'person' })}>{t('protection.threats.addPerson')}</Button>
          <Button variant="default" onClick={() => setOpen({ form: 'link' })} disabled={a.actors.length === 0}>{t('protection.threats.addLink')}</Button>
          <Button variant="default" onClick={() => setOpen({ form: 'knowledge' })}>{t('protection.threats.addKnowledge')}</Button>
        </Group>
      ) : null}
      <ThreatNetwork analysis={a} codename={detail.codename} onOpen={setNode} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ActorList analysis={a} codename={detail.codename} onOpen={setNode} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <LinkList caseId={detail.id} analysis={a} codename={detail.codename} mayEdit={a.mayEdit} />
            <KnowledgeList caseId={detail.id} knowledge={a.knowledge} mayEdit={a.mayEdit} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ThreatHistory caseId={detail.id} />
      {open?.form === 'actor' ? <AddActorModal caseId={detail.id} kind={open.kind} onClose={() => setOpen(null)} /> : null}
      {open?.form === 'link' ? <LinkModal caseId={detail.id} codename={detail.codename} analysis={a} {...(open.from ? { fromActorId: open.from } : {})} onClose={() => setOpen(null)} /> : null}
      {open?.form === 'knowledge' ? <KnowledgeModal caseId={detail.id} onClose={() => setOpen(null)} /> : null}
      {node ? (
        <NodeDrawer
          caseId={detail.id} codename={detail.codename} analysis={a} node={node} reload={reload}
          onLink={(from) => { setNode(null); setOpen({ form: 'link', from }); }} onClose={() => setNode(null)}
        />
      ) : null}
    </Stack>
  );
}
