import '@xyflow/react/dist/style.css';
import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Controls, Handle, Position, ReactFlow, type Edge, type Node, type NodeProps } from '@xyflow/react';
import { useMemo, type KeyboardEvent, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ThreatAnalysis } from '../../../../contracts/threats.ts';
import { useIsMobile } from '../../../lib/useIsMobile.ts';
import { actorNode, CLIENT, layoutNetwork, NODE_SIZE, staffNode, targetNode, topLeft, type NodeId } from './layout.ts';

type Kind = keyof typeof NODE_SIZE;
type NetworkNodeData = { kind: Kind; label: string; sub: string };
type NetworkNode = Node<NetworkNodeData, 'threat'>;

/** One look per kind: shape, border and fill differ, so the picture also reads without colour. */
export const KIND_STYLE: Record<Kind, CSSProperties> = {
  client: { background: 'var(--mantine-color-indigo-9)', color: '#fff', border: '3px solid var(--mantine-color-indigo-9)', borderRadius: '50%', width: NODE_SIZE.client.w, height: NODE_SIZE.client.h },
  group: { background: 'var(--mantine-color-red-0)', color: 'var(--mantine-color-dark-9)', border: '3px solid var(--mantine-color-red-9)', borderRadius: 2, width: NODE_SIZE.group.w, minHeight: NODE_SIZE.group.h },
  person: { background: 'var(--mantine-color-orange-0)', color: 'var(--mantine-color-dark-9)', border: '2px solid var(--mantine-color-orange-9)', borderRadius: 999, width: NODE_SIZE.person.w, minHeight: NODE_SIZE.person.h },
  staff: { background: 'var(--mantine-color-blue-0)', color: 'var(--mantine-color-dark-9)', border: '2px dashed var(--mantine-color-blue-9)', borderRadius: 10, width: NODE_SIZE.staff.w, minHeight: NODE_SIZE.staff.h },
};

const hiddenHandle: CSSProperties = { top: '50%', left: '50%', width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0, opacity: 0, transform: 'translate(-50%, -50%)', pointerEvents: 'none' };

/** A node: its name and a second line (kind or role). Edges meet at its centre (both handles sit there, invisible). */
function ThreatNode({ data }: NodeProps<NetworkNode>) {
  return (
    <div style={{ ...KIND_STYLE[data.kind], display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', padding: '6px 10px', textAlign: 'center', boxSizing: 'border-box', cursor: 'pointer' }}>
      <Handle type="target" position={Position.Top} isConnectable={false} style={hiddenHandle} />
      <span style={{ fontWeight: 650, fontSize: 13, lineHeight: 1.2, overflowWrap: 'anywhere', maxWidth: '100%' }}>{data.label}</span>
      {data.sub ? <span style={{ fontSize: 11, lineHeight: 1.2, overflowWrap: 'anywhere', maxWidth: '100%' }}>{data.sub}</span> : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={hiddenHandle} />
    </div>
  );
}
const nodeTypes = { threat: ThreatNode };

const FIT = { padding: 0.15, maxZoom: 1 };

const short = (s: string, n = 28) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * The network picture: the client in the centre, groups and persons around,
 * staff to the right; links as lines. Clicking a node, or Enter on a focused
 * one, opens it. The same content is always listed as text below the picture.
 */
export function ThreatNetwork({ analysis, codename, onOpen }: { analysis: ThreatAnalysis; codename: string; onOpen: (id: NodeId) => void }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const { nodes, edges } = useMemo(() => {
    const pos = layoutNetwork(analysis, { vertical: mobile });
    // Placed by the top-left corner: with nodeOrigin [0.5, 0.5] xyflow 12.12 fitted the view off-centre (nodes cut off at the edge).
    const node = (id: NodeId, kind: Kind, label: string, sub: string): NetworkNode => ({
      id, type: 'threat', position: topLeft(pos.get(id) ?? { x: 0, y: 0 }, kind), data: { kind, label, sub },
      // "Group: Blue Cell"; the client's node reads "Client: <codename>".
      ariaLabel: `${t(`protection.threats.kinds.${kind}`)}: ${kind === 'client' ? sub : label}`,
    });
    const nodes: NetworkNode[] = [
      node(CLIENT, 'client', t('protection.threats.kinds.client'), codename),
      ...analysis.actors.map((a) => node(actorNode(a.id), a.kind, a.name, a.role || t(`protection.threats.kinds.${a.kind}`))),
      ...analysis.staff.map((s) => node(staffNode(s.staffId), 'staff', s.name, t(`roles.${s.staffRole}`, { defaultValue: s.staffRole }))),
    ];
    const name = (id: NodeId) => (id === CLIENT ? t('protection.threats.clientNamed', { codename }) : nodes.find((n) => n.id === id)?.data.label ?? '');
    const edges: Edge[] = [
      ...analysis.links.map((l) => ({
        id: `link:${l.id}`, source: actorNode(l.fromActorId), target: targetNode(l.to), type: 'straight', label: mobile ? undefined : short(l.relation),
        style: { stroke: 'var(--mantine-color-dark-4)', strokeWidth: 2 },
        ariaLabel: t('protection.threats.linkSentence', { from: name(actorNode(l.fromActorId)), to: name(targetNode(l.to)), relation: l.relation }),
      })),
      ...analysis.staff.filter((s) => s.teamRole !== null).map((s) => ({
        id: `team:${s.staffId}`, source: staffNode(s.staffId), target: CLIENT, type: 'straight',
        style: { stroke: 'var(--mantine-color-blue-6)', strokeWidth: 1.5, strokeDasharray: '6 4' },
        ariaLabel: t('protection.threats.onTeamSentence', { name: s.name }),
      })),
    ];
    return { nodes, edges };
  }, [analysis, codename, mobile, t]);

  // Enter or Space on a focused node opens it (xyflow itself only selects on those keys).
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    const id = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node')?.dataset.id;
    if (id) {
      e.preventDefault();
      onOpen(id);
    }
  };

  const ariaLabelConfig = useMemo(() => ({
    'node.a11yDescription.default': t('protection.threats.nodeHint'),
    'node.a11yDescription.keyboardDisabled': t('protection.threats.nodeHint'),
    'controls.ariaLabel': t('protection.threats.controls'),
    'controls.zoomIn.ariaLabel': t('protection.threats.zoomIn'),
    'controls.zoomOut.ariaLabel': t('protection.threats.zoomOut'),
    'controls.fitView.ariaLabel': t('protection.threats.fitView'),
  }), [t]);

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="threat-network-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="threat-network-heading">{t('protection.threats.networkTitle')}</Title>
        <Text size="sm" c="dimmed">{t('protection.threats.networkHelp')}</Text>
        <Box h={mobile ? 440 : 480} style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, overflow: 'hidden' }} data-testid="threat-network">
          <ReactFlow
            // xyflow fits the view once, when it mounts: a new set of nodes mounts it again, so everything stays in view.
            key={`${mobile ? 'v' : 'h'}:${nodes.map((n) => n.id).join(',')}`}
            nodes={nodes} edges={edges} nodeTypes={nodeTypes}
            onNodeClick={(_e, n) => onOpen(n.id)} onKeyDown={onKeyDown}
            nodesDraggable={false} nodesConnectable={false} elementsSelectable={false} edgesFocusable={false}
            fitView fitViewOptions={FIT} minZoom={0.2} maxZoom={2}
            zoomOnScroll={false} preventScrolling={false} zoomOnDoubleClick={false}
            ariaLabelConfig={ariaLabelConfig} aria-label={t('protection.threats.networkTitle')}
            // The library's attribution link fails the contrast check; its licence (MIT) does not require it.
            proOptions={{ hideAttribution: true }}
          >
            <Controls showInteractive={false} fitViewOptions={FIT} />
          </ReactFlow>
        </Box>
        <Legend />
      </Stack>
    </Paper>
  );
}

function Legend() {
  const { t } = useTranslation();
  const item = (kind: Kind, label: string) => (
    <Group gap={6} component="li" key={kind} wrap="nowrap">
      <span aria-hidden="true" style={{ ...KIND_STYLE[kind], display: 'inline-block', width: 22, height: 16, minHeight: 0, borderRadius: kind === 'client' ? '50%' : KIND_STYLE[kind].borderRadius }} />
      <Text size="sm">{label}</Text>
    </Group>
  );
  return (
    <Group component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('protection.threats.legend.title')}>
      {item('client', t('protection.threats.legend.client'))}
      {item('group', t('protection.threats.legend.groups'))}
      {item('person', t('protection.threats.legend.persons'))}
      {item('staff', t('protection.threats.legend.staff'))}
      <Group gap={6} component="li" wrap="nowrap">
        <span aria-hidden="true" style={{ display: 'inline-block', width: 26, borderTop: '2px solid var(--mantine-color-dark-4)' }} />
        <Text size="sm">{t('protection.threats.legend.link')}</Text>
      </Group>
      <Group gap={6} component="li" wrap="nowrap">
        <span aria-hidden="true" style={{ display: 'inline-block', width: 26, borderTop: '2px dashed var(--mantine-color-blue-6)' }} />
        <Text size="sm">{t('protection.threats.legend.team')}</Text>
      </Group>
    </Group>
  );
}
