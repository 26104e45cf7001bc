import { Anchor, Badge, Blockquote, Button, Card, Group, Radio, SegmentedControl, Stack, Tabs, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BreakGlassGrant } from '../../../contracts/identity.ts';
import { reviewGrantSchema } from '../../../contracts/identity.ts';
import {
  useDuplicateReviews, useGrants, useResolveDuplicate, useReviewCounts, useReviewGrant,
  type DuplicateReview, type DuplicateState, type GrantState,
} from '../../api/reviews.ts';
import { AppModal } from '../../components/AppModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { Empty, FormError, LoadError, Loading } from '../../components/states.tsx';
import { fieldErrorsFor, validateWith } from '../../lib/errors.ts';
import { useFormat } from '../../lib/format.ts';
import { notify } from '../../lib/notify.ts';
import { useDocumentTitle } from '../../lib/useDocumentTitle.ts';

const casePath = (id: string) => `/cases/${encodeURIComponent(id)}`;
type Tab = 'grants' | 'duplicates';

/** Managers: emergency accesses to review and possible duplicate persons to decide. */
export function ReviewsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('programmes.reviews.title'));
  const [tab, setTab] = useState<Tab>('grants');
  const counts = useReviewCounts(true);
  const label = (text: string, n: number | undefined) => (
    <Group gap={6} wrap="nowrap">
      <span>{text}</span>
      {n ? <Badge size="sm" variant="filled" color="red.8" aria-label={t('programmes.reviews.waitingCount', { count: n })}>{n}</Badge> : null}
    </Group>
  );

  return (
    <Stack gap="lg">
      <PageHeader title={t('programmes.reviews.title')} meta={t('programmes.reviews.subtitle')} />
      <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'grants')} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="grants">{label(t('programmes.reviews.grantsTab'), counts.data?.grants)}</Tabs.Tab>
          <Tabs.Tab value="duplicates">{label(t('programmes.reviews.duplicatesTab'), counts.data?.duplicates)}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="grants" pt="md"><GrantsPanel /></Tabs.Panel>
        <Tabs.Panel value="duplicates" pt="md"><DuplicatesPanel /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function StateSwitch<S extends string>({ value, onChange, options }: { value: S; onChange: (v: S) => void; options: { value: S; label: string }[] }) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t('programmes.reviews.show')}
      value={value}
      onChange={(v) => onChange(v as S)}
      data={options}
      w="fit-content"
    />
  );
}

function GrantsPanel() {
  const { t } = useTranslation();
  const [state, setState] = useState<GrantState>('unreviewed');
  const grants = useGrants(state);
  const [reviewing, setReviewing] = useState<{ grant: BreakGlassGrant; outcome: 'justified' | 'not_justified' } | null>(null);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">{t('programmes.reviews.grantsHelp')}</Text>
      <StateSwitch value={state} onChange={setState} options={[
        { value: 'unreviewed', label: t('programmes.reviews.waiting') },
        { value: 'all', label: t('programmes.reviews.all') },
      ]} />
      {grants.isPending ? <Loading /> : grants.isError ? <LoadError error={grants.error} onRetry={() => void grants.refetch()} /> : grants.data.length === 0 ? (
        <Empty title={state === 'unreviewed' ? t('programmes.reviews.noGrantsWaiting') : t('programmes.reviews.noGrants')} />
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('programmes.reviews.grantsTab')}>
          {grants.data.map((g) => <GrantCard key={g.id} grant={g} onReview={(outcome) => setReviewing({ grant: g, outcome })} />)}
        </Stack>
      )}
      {reviewing ? <ReviewGrantModal grant={reviewing.grant} initialOutcome={reviewing.outcome} onClose={() => setReviewing(null)} /> : null}
    </Stack>
  );
}

function GrantCard({ grant: g, onReview }: { grant: BreakGlassGrant; onReview: (outcome: 'justified' | 'not_justified') => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const running = new Date(g.expiresAt).getTime() > Date.now();
  return (
    <Card component="li" withBorder radius="md" padding="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {t('programmes.reviews.grantBy', { name: g.staffName })}{' '}
            <Anchor component={Link} to={casePath(g.caseId)} fw={600}>{g.codename}</Anchor>
          </Text>
          {g.review ? (
            <Badge variant="light" color={g.review.outcome === 'justified' ? 'teal' : 'red'}>{t(`programmes.reviews.outcomes.${g.review.outcome}`)}</Badge>
          ) : running ? (
            <Badge variant="filled" color="red.8">{t('programmes.reviews.running')}</Badge>
          ) : (
            <Badge variant="light" color="gray">{t('programmes.reviews.ended')}</Badge>
          )}
        </Group>
        <Text size="sm" c="dimmed">
          {t('programmes.reviews.grantTimes', { from: fmt.dateTime(g.grantedAt), until: fmt.dateTime(g.expiresAt) })}
        </Text>
        <Stack gap={2}>
          <Text size="sm" fw={600}>{t('programmes.reviews.reason')}</Text>
          <Blockquote p="xs" color="gray" className="note-text" fz="sm">{g.reason}</Blockquote>
        </Stack>
        {g.review ? (
          <Stack gap={2}>
            <Text size="sm" fw={600}>{t('programmes.reviews.reviewNote')}</Text>
            <Text size="sm" className="note-text">{g.review.note}</Text>
            <Text size="xs" c="dimmed">
              {t('programmes.reviews.reviewedBy', { name: g.review.byName ?? t('programmes.reviews.someone'), date: fmt.dateTime(g.review.at) })}
            </Text>
          </Stack>
        ) : (
          <Group gap="sm" mt={4}>
            <Button size="sm" variant="light" color="teal" onClick={() => onReview('justified')}>{t('programmes.reviews.outcomes.justified')}</Button>
            <Button size="sm" variant="light" color="red" onClick={() => onReview('not_justified')}>{t('programmes.reviews.outcomes.not_justified')}</Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function ReviewGrantModal({ grant, initialOutcome, onClose }: { grant: BreakGlassGrant; initialOutcome: 'justified' | 'not_justified'; onClose: () => void }) {
  const { t } = useTranslation();
  const review = useReviewGrant();
  const [other, setOther] = useState<string[]>([]);
  const form = useForm({
    mode: 'controlled',
    initialValues: { outcome: initialOutcome as string, note: '' },
    validate: (v) => validateWith(t, reviewGrantSchema, v),
  });
  const outcome = form.getValues().outcome;

  const onSubmit = form.onSubmit((values) => {
    setOther([]);
    review.mutate({ id: grant.id, outcome: values.outcome as 'justified' | 'not_justified', note: values.note.trim() }, {
      onSuccess: () => {
        notify(t('programmes.reviews.reviewed'));
        onClose();
      },
      onError: (err) => {
        const { fields, other: rest } = fieldErrorsFor(t, err, ['outcome', 'note']);
        form.setErrors(fields);
        setOther(rest);
      },
    });
  });

  return (
    <AppModal onClose={onClose} title={t('programmes.reviews.reviewTitle', { codename: grant.codename })}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">{t('programmes.reviews.grantBy', { name: grant.staffName })} {grant.codename}</Text>
          <FormError error={review.error} other={other} />
          <Radio.Group label={t('programmes.reviews.outcome')} required {...form.getInputProps('outcome')}>
            <Stack gap="xs" mt={6}>
              <Radio value="justified" label={t('programmes.reviews.outcomes.justified')} />
              <Radio value="not_justified" label={t('programmes.reviews.outcomes.not_justified')} description={t('programmes.reviews.notJustifiedHelp')} />
            </Stack>
          </Radio.Group>
          <Textarea
            label={t('programmes.reviews.reviewNote')}
            description={t('programmes.reviews.reviewNoteHelp')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
            {...form.getInputProps('note')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="submit" color={outcome === 'not_justified' ? 'red.8' : undefined} loading={review.isPending} disabled={review.isPending}>
              {t('programmes.reviews.saveReview')}
            </Button>
          </Group>
        </Stack>
      </form>
    </AppModal>
  );
}

function DuplicatesPanel() {
  const { t } = useTranslation();
  const [state, setState] = useState<DuplicateState>('open');
  const reviews = useDuplicateReviews(state);

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">{t('programmes.reviews.duplicatesHelp')}</Text>
      <StateSwitch value={state} onChange={setState} options={[
        { value: 'open', label: t('programmes.reviews.waiting') },
        { value: 'all', label: t('programmes.reviews.all') },
      ]} />
      {reviews.isPending ? <Loading /> : reviews.isError ? <LoadError error={reviews.error} onRetry={() => void reviews.refetch()} /> : reviews.data.length === 0 ? (
        <Empty title={state === 'open' ? t('programmes.reviews.noDuplicatesWaiting') : t('programmes.reviews.noDuplicates')} />
      ) : (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('programmes.reviews.duplicatesTab')}>
          {reviews.data.map((d) => <DuplicateCard key={d.id} review={d} />)}
        </Stack>
      )}
    </Stack>
  );
}

function DuplicateCard({ review: d }: { review: DuplicateReview }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const resolve = useResolveDuplicate();
  const [error, setError] = useState<unknown>(null);
  const decide = (outcome: 'same_person' | 'different_person') => {
    setError(null);
    resolve.mutate({ id: d.id, outcome }, {
      onSuccess: () => notify(t('programmes.reviews.resolved')),
      onError: setError,
    });
  };
  const pendingOutcome = resolve.isPending ? resolve.variables?.outcome : undefined;

  return (
    <Card component="li" withBorder radius="md" padding="md">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" align="flex-start">
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            <Anchor component={Link} to={casePath(d.caseId)} fw={600}>{d.codename}</Anchor>
            {' '}{t('programmes.reviews.mayBeSameAs')}{' '}
            <Anchor component={Link} to={casePath(d.matchedCaseId)} fw={600}>{d.matchedCodename}</Anchor>
          </Text>
          {d.outcome ? <Badge variant="light" color={d.outcome === 'same_person' ? 'orange' : 'teal'}>{t(`programmes.reviews.duplicateOutcomes.${d.outcome}`)}</Badge> : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t('programmes.reviews.raisedBy', { name: d.raisedByName ?? t('programmes.reviews.someone'), date: fmt.dateTime(d.raisedAt) })}
          {d.resolvedAt ? ` · ${t('programmes.reviews.resolvedOn', { date: fmt.dateTime(d.resolvedAt) })}` : ''}
        </Text>
        {error ? <FormError error={error} /> : null}
        {d.outcome ? null : (
          <Group gap="sm" mt={4}>
            <Button size="sm" variant="light" color="orange" onClick={() => decide('same_person')} loading={pendingOutcome === 'same_person'} disabled={resolve.isPending}>
              {t('programmes.reviews.duplicateOutcomes.same_person')}
            </Button>
            <Button size="sm" variant="light" color="teal" onClick={() => decide('different_person')} loading={pendingOutcome === 'different_person'} disabled={resolve.isPending}>
              {t('programmes.reviews.duplicateOutcomes.different_person')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
