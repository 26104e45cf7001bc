import '@mantine/charts/styles.css';
import { LineChart } from '@mantine/charts';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DomainChart } from '../../../contracts/risk-assessment.ts';
import { useDomainChart } from '../../api/risk.ts';
import { LoadError, Loading } from '../../components/states.tsx';
import { useFormat } from '../../lib/format.ts';
import { useLocalText } from './riskShared.tsx';

type Chart = DomainChart['charts'][number];
const COLORS = ['red.7', 'orange.7', 'grape.7', 'pink.7', 'teal.7', 'blue.7', 'cyan.8', 'lime.8', 'indigo.6', 'yellow.8'];

/**
 * Each domain over the case's signed assessments. Risk domains and protective
 * ones are drawn apart because their direction differs: a rising risk line is
 * more concern, a rising protection line more protection. The picture is for
 * the eye; the table under it carries the same numbers for everyone.
 */
export function DomainChartPanel({ caseId, signedCount }: { caseId: string; signedCount: number }) {
  const { t } = useTranslation();
  const chart = useDomainChart(caseId, signedCount > 0);
  return (
    <Stack gap="sm" component="section" aria-labelledby="risk-chart-heading">
      <Stack gap={2}>
        <Title order={3} size="h5" id="risk-chart-heading">{t('risk.chart.title')}</Title>
        <Text size="sm" c="dimmed">{signedCount > 0 ? t('risk.chart.help') : t('risk.chart.empty')}</Text>
      </Stack>
      {signedCount === 0 ? null : chart.isPending ? <Loading minHeight={80} /> : chart.isError ? <LoadError error={chart.error} onRetry={() => void chart.refetch()} /> : (
        chart.data.charts.map((c) => <InstrumentChart key={c.instrument.id} chart={c} several={chart.data.charts.length > 1} />)
      )}
    </Stack>
  );
}

function InstrumentChart({ chart, several }: { chart: Chart; several: boolean }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const text = useLocalText();
  const langs = chart.instrument.languages;
  const rows = chart.points.map((p) => ({ label: t('risk.chart.point', { number: p.number, date: fmt.date(p.signedAt) }), ...p.scores }));
  const colour = new Map(chart.domains.map((d, i) => [d.code, COLORS[i % COLORS.length]!]));
  const sides = [
    { key: 'risk', title: t('risk.chart.risk'), domains: chart.domains.filter((d) => d.kind !== 'protective' && d.kind !== 'motivational') },
    { key: 'protective', title: t('risk.chart.protective'), domains: chart.domains.filter((d) => d.kind === 'protective' || d.kind === 'motivational') },
  ].filter((s) => s.domains.length > 0);
  return (
    <Card withBorder radius="md" padding="md">
      <Stack gap="md">
        {several ? <Title order={4} size="h6">{t('risk.list.instrument', { name: text(chart.instrument.name, langs), version: chart.instrument.version })}</Title> : null}
        {sides.map((s) => (
          <Stack gap={4} key={s.key}>
            <Text size="sm" fw={600}>{s.title}</Text>
            {/* Drawn for the eye only; the table below says the same to everyone. */}
            <div aria-hidden="true">
              <LineChart h={220} data={rows} dataKey="label" withLegend connectNulls={false} curveType="linear"
                yAxisProps={{ domain: [chart.scale.min, chart.scale.max] }} lineChartProps={{ accessibilityLayer: false }}
                series={s.domains.map((d) => ({ name: d.code, label: text(d.name, langs), color: colour.get(d.code)! }))} />
            </div>
          </Stack>
        ))}
        {/* Scrolls sideways on a phone once there are many assessments; focusable so keyboards can scroll it too. */}
        <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-labelledby={`risk-chart-caption-${chart.instrument.id}`}>
          <Table withTableBorder striped fz="sm" data-testid="risk-chart-table">
            <Table.Caption id={`risk-chart-caption-${chart.instrument.id}`} style={{ captionSide: 'top', textAlign: 'start' }}>{t('risk.chart.table', { min: chart.scale.min, max: chart.scale.max })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('risk.chart.domain')}</Table.Th>
                {rows.map((r) => <Table.Th scope="col" key={r.label}>{r.label}</Table.Th>)}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {chart.domains.map((d) => (
                <Table.Tr key={d.code}>
                  <Table.Th scope="row" fw={500}>{`${text(d.name, langs)} (${t(`risk.kinds.${d.kind}`)})`}</Table.Th>
                  {chart.points.map((p) => <Table.Td key={p.assessmentId}>{p.scores[d.code] ?? t('risk.chart.noValue')}</Table.Td>)}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      </Stack>
    </Card>
  );
}
