import { Button, Drawer, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreatActor, ThreatAnalysis } from '../../../../contracts/threats.ts';
import { removeThreatActor, useThreatChange } from '../../../api/threats.ts';
import { useFormat } from '../../../lib/format.ts';
import { notify } from '../../../lib/notify.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { Fact, NotRecorded } from '../../cases/caseShared.tsx';
import { EditActorForm } from './ActorForm.tsx';
import { CLIENT, type NodeId } from './layout.ts';
import { ConfirmRemove, KindBadge, LevelBadge, useNodeName } from './shared.tsx';
import { LinkList } from './ThreatLists.tsx';

type Props = {
  caseId: string;
  codename: string;
  analysis: ThreatAnalysis;
  node: NodeId;
  reload: () => Promise<ThreatAnalysis | undefined>;
  onLink: (fromActorId: string) => void;
  onClose: () => void;
};

/**
 * One node of the network, opened: an actor's details (and, for those who may,
 * its edit form and removal), a staff member's name and role, or the client.
 * Each shows the links that touch it.
 */
export function NodeDrawer(props: Props) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const nameOf = useNodeName(props.analysis, props.codename);
  return (
    <Drawer.Root opened onClose={props.onClose} position="right" size={mobile ? '100%' : 'lg'}>
      <Drawer.Overlay />
      <Drawer.Content>
        <Drawer.Header role="none">
          <Drawer.Title fw={650} fz="lg">{nameOf(props.node)}</Drawer.Title>
          <Drawer.CloseButton aria-label={t('common.close')} />
        </Drawer.Header>
        <Drawer.Body>
          <NodeBody {...props} />
        </Drawer.Body>
      </Drawer.Content>
    </Drawer.Root>
  );
}

function NodeBody(props: Props) {
  const { t } = useTranslation();
  const { analysis, node } = props;
  const [kind, key] = node === CLIENT ? ['client', ''] : node.split(':') as [string, string];
  const links = <LinkList caseId={props.caseId} analysis={analysis} codename={props.codename} mayEdit={analysis.mayEdit} only={node} />;
  const linksTitle = <Title order={3} size="h5">{t('protection.threats.linksTitle')}</Title>;

  if (kind === 'actor') {
    const actor = analysis.actors.find((a) => a.id === key);
    // Removed meanwhile (here or by a colleague): say so rather than show stale details.
    if (!actor) return <Text size="sm" c="dimmed">{t('protection.threats.unknownEntry')}</Text>;
    return <ActorBody {...props} actor={actor} links={<Stack gap="xs">{linksTitle}{links}</Stack>} />;
  }
  if (kind === 'staff') {
    const s = analysis.staff.find((x) => x.staffId === key);
    if (!s) return <Text size="sm" c="dimmed">{t('protection.threats.unknownEntry')}</Text>;
    return (
      <Stack gap="md">
        <KindBadge kind="staff" />
        <Fact label={t('protection.threats.fields.staffRole')}>{t(`roles.${s.staffRole}`, { defaultValue: s.staffRole })}</Fact>
        <Fact label={t('protection.threats.fields.teamRole')}>{s.teamRole ? t(`teamRoles.${s.teamRole}`) : t('cases.notOnTeam')}</Fact>
        <Stack gap="xs">{linksTitle}{links}</Stack>
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <KindBadge kind="client" />
      <Text size="sm">{t('protection.threats.clientHelp')}</Text>
      <Stack gap="xs">{linksTitle}{links}</Stack>
    </Stack>
  );
}

function ActorBody({ caseId, analysis, actor, reload, onLink, onClose, links }: Props & { actor: ThreatActor; links: ReactNode }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const remove = useThreatChange(caseId, () => removeThreatActor(caseId, actor.id));
  const mayEdit = analysis.mayEdit;

  if (editing) return <EditActorForm caseId={caseId} actor={actor} reload={reload} onDone={() => setEditing(false)} />;
  const value = (v: string) => (v ? v : <NotRecorded />);
  return (
    <Stack gap="md">
      <Group gap={6}>
        <KindBadge kind={actor.kind} />
        <LevelBadge what="capability" level={actor.capability} />
        <LevelBadge what="intent" level={actor.intent} />
      </Group>
      <Fact label={t('protection.threats.fields.role')}>{value(actor.role)}</Fact>
      <Fact label={t('protection.threats.fields.relationToClient')}>{value(actor.relationToClient)}</Fact>
      <Fact label={t('protection.threats.fields.lastKnownActivity')}>
        {actor.lastKnownActivity || actor.lastActivityOn
          ? [actor.lastActivityOn ? fmt.date(actor.lastActivityOn) : '', actor.lastKnownActivity].filter(Boolean).join(' — ')
          : <NotRecorded />}
      </Fact>
      <Fact label={t('protection.threats.fields.notes')}>{value(actor.notes)}</Fact>
      <Text size="xs" c="dimmed">{t('protection.threats.recordedChanged', { name: actor.createdByName ?? t('accessLog.unknownActor'), date: fmt.dateTime(actor.updatedAt) })}</Text>
      {mayEdit ? (
        <Group gap="xs">
          <Button variant="light" onClick={() => setEditing(true)}>{t('protection.threats.edit')}</Button>
          <Button variant="default" onClick={() => onLink(actor.id)}>{t('protection.threats.addLinkFrom')}</Button>
          <Button variant="outline" color="red.9" onClick={() => setRemoving(true)}>{t('protection.threats.remove')}</Button>
        </Group>
      ) : null}
      {links}
      {removing ? (
        <ConfirmRemove
          title={t('protection.threats.removeActorTitle', { name: actor.name })} body={t('protection.threats.removeActorBody')} pending={remove.pending} error={remove.error}
          onClose={() => { remove.reset(); setRemoving(false); }}
          onConfirm={() => void remove.run().then((r) => { if (r.ok) { notify(t('protection.threats.actorRemoved')); onClose(); } })}
        />
      ) : null}
    </Stack>
  );
}
