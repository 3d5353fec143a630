import {
  Alert,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  memo,
  useCallback,
  useDeferredValue,
  useMemo,
  useState,
  type ReactNode,
} from 'react';

import type {
  BmsAccountView,
  CompanyMapping,
} from '../../../../shared/contract/models';
import {
  createSuggestionIndex,
  type Suggestion,
  type SuggestionIndex,
} from '../../../../shared/suggestions';
import { QueryStatus, StaleDataAlert } from '../../components/query-status';
import {
  ACCOUNT_ROW_HEIGHT,
  NON_MATCHING_ROW_HEIGHT,
} from '../../components/row-heights';
import { VirtualList } from '../../components/virtual-list';
import { useContractQuery } from '../../hooks/use-contract-query';
import { useEventsStore } from '../../stores/events-store';
import {
  AccountRow,
  NonMatchingRow,
  type AcceptSuggestion,
} from './account-rows';
import { buildMappingColumns, type MappingColumns } from './mapping-columns';
import { MappingHeader } from './mapping-header';
import { RenameModal } from './rename-modal';
import { requestRename } from './rename-request';

/** Height of each column's scrolling list, chosen to fit a 700-pixel window. */
const LIST_HEIGHT = 'max(260px, calc(100dvh - 400px))';

function MappingColumn(props: {
  readonly title: string;
  readonly accounts: readonly BmsAccountView[];
  readonly empty: string;
  readonly estimateSize: number;
  readonly renderItem: (account: BmsAccountView) => ReactNode;
}) {
  return (
    <Stack gap="xs" miw={0}>
      <Title order={4} size="h6">
        {props.title}{' '}
        <Text span c="dimmed" size="sm">
          ({props.accounts.length.toLocaleString()})
        </Text>
      </Title>
      <VirtualList
        items={props.accounts}
        label={props.title}
        height={LIST_HEIGHT}
        estimateSize={props.estimateSize}
        getKey={account => account.id}
        renderItem={props.renderItem}
        empty={props.empty}
      />
    </Stack>
  );
}

// Memoized so that a keystroke's urgent render (the search box alone) skips
// the three lists; they render once more when the deferred search arrives.
const MappingGrid = memo(function MappingGrid(props: {
  readonly columns: MappingColumns;
  readonly catchallAccountId: number | null;
  readonly suggestionIndex: SuggestionIndex;
  readonly onAccept: AcceptSuggestion;
  readonly onEdit: (account: BmsAccountView) => void;
}) {
  // Bottom alignment keeps the lists level when a heading wraps.
  return (
    <SimpleGrid cols={3} spacing="sm" style={{ alignItems: 'end' }}>
      <MappingColumn
        title="Kaseya Account Names"
        accounts={props.columns.all}
        estimateSize={ACCOUNT_ROW_HEIGHT}
        empty="No Kaseya accounts."
        renderItem={account => <AccountRow account={account} withMatchState />}
      />
      <MappingColumn
        title="Matched Organizations"
        accounts={props.columns.matched}
        estimateSize={ACCOUNT_ROW_HEIGHT}
        empty="No account name equals an organization name."
        renderItem={account => (
          <AccountRow account={account} withMatchState={false} />
        )}
      />
      <MappingColumn
        title="Non-Matching Organizations"
        accounts={props.columns.nonMatching}
        estimateSize={NON_MATCHING_ROW_HEIGHT}
        empty={
          props.columns.all.length === 0
            ? 'No Kaseya accounts.'
            : 'Every account matches an organization.'
        }
        renderItem={account => (
          <NonMatchingRow
            account={account}
            isCatchall={account.id === props.catchallAccountId}
            suggestionIndex={props.suggestionIndex}
            onAccept={props.onAccept}
            onEdit={props.onEdit}
          />
        )}
      />
    </SimpleGrid>
  );
});

function MappingView({ mapping }: { readonly mapping: CompanyMapping }) {
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [editing, setEditing] = useState<BmsAccountView | null>(null);
  const columns = useMemo(
    () => buildMappingColumns(mapping.accounts, deferredSearch),
    [mapping.accounts, deferredSearch],
  );
  // Suggestions are computed per row as rows scroll into view.
  const suggestionIndex = useMemo(
    () =>
      createSuggestionIndex(
        mapping.organizations.map(item => ({ id: item.uuid, name: item.name })),
      ),
    [mapping.organizations],
  );

  const accept = useCallback(
    async (account: BmsAccountView, suggestion: Suggestion) => {
      await renameAccount(mapping.integrationId, account, suggestion.name);
    },
    [mapping.integrationId],
  );

  return (
    <Stack gap="sm">
      <MappingHeader
        integrationId={mapping.integrationId}
        totalAccounts={mapping.totalAccounts}
        fetchedAt={mapping.fetchedAt}
      />
      <TextInput
        label="Search accounts"
        placeholder="Part of a company name"
        value={search}
        onChange={event => setSearch(event.currentTarget.value)}
      />
      {mapping.fetchedAt === null ? (
        <Alert color="blue" variant="light" title="No accounts copied yet">
          The accounts of this Kaseya BMS have not been copied to this computer.
          Use Refresh from BMS above to load them; the mapping then works
          offline from that copy.
        </Alert>
      ) : null}
      <MappingGrid
        columns={columns}
        catchallAccountId={mapping.catchallAccountId}
        suggestionIndex={suggestionIndex}
        onAccept={accept}
        onEdit={setEditing}
      />
      {editing === null ? null : (
        <RenameModal
          integrationId={mapping.integrationId}
          accounts={mapping.accounts}
          account={editing}
          organizations={mapping.organizations}
          suggestionIndex={suggestionIndex}
          onClose={() => setEditing(null)}
        />
      )}
    </Stack>
  );
}

/** Renames a BMS account to `newName`, with a notification on failure. */
async function renameAccount(
  integrationId: number,
  account: BmsAccountView,
  newName: string,
): Promise<void> {
  const failure = await requestRename({
    integrationId,
    target: 'bms-account',
    targetId: String(account.id),
    newName,
  });
  if (failure !== null) {
    notifications.show({
      color: 'red',
      title: `${account.name} was not renamed`,
      message: failure.message,
    });
  }
}

/**
 * Kaseya Company Mapping of one integration: which BMS accounts have a name
 * equal to a Dark Web ID organization, and renames to make more of them
 * equal. Reads the local cache only, so it works offline.
 */
export function CompanyMappingPanel({
  integrationId,
}: {
  readonly integrationId: number;
}) {
  const versions = useEventsStore(state => state.versions);
  const reloadKey = `${versions.cache}:${versions.organizations}:${versions['pending-changes']}`;
  const query = useContractQuery(
    'company-mapping:get',
    { integrationId },
    reloadKey,
  );
  if (query.data === null) {
    return (
      <QueryStatus query={query} title="Company mapping could not be loaded" />
    );
  }
  return (
    <Stack gap="sm">
      <StaleDataAlert query={query} />
      <MappingView mapping={query.data} />
    </Stack>
  );
}
