import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';

import type { BmsAccountView } from '../../../../shared/contract/models';
import type { Suggestion } from '../../../../shared/suggestions';
import { ExactName } from '../../components/exact-name';
import { PendingNameBadge } from '../../components/pending-name-badge';

/** Renders a row of `Kaseya Account Names` or `Matched Organizations`. */
export function AccountRow({
  account,
  withMatchState,
}: {
  readonly account: BmsAccountView;
  readonly withMatchState: boolean;
}) {
  const isMatched = account.matchedOrganizationUuid !== null;
  return (
    <Stack gap={4} px="sm" py={6}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <ExactName name={account.name} size="sm" />
        {withMatchState ? (
          <Badge
            size="xs"
            variant={isMatched ? 'light' : 'outline'}
            color={isMatched ? 'teal' : 'gray'}
            tt="none"
            style={{ flexShrink: 0 }}
          >
            {isMatched ? 'Matched' : 'No match'}
          </Badge>
        ) : null}
      </Group>
      <PendingNameBadge pendingName={account.pendingName} />
    </Stack>
  );
}

/** Describes why a suggestion was made, in the technician's words. */
export function describeSuggestion(suggestion: Suggestion): string {
  switch (suggestion.kind) {
    case 'spacing':
      return 'Spaces differ';
    case 'case':
      return 'Case differs';
    case 'normalized':
      return 'Punctuation or suffix differs';
    case 'similar':
      return `${Math.round(suggestion.score * 100)}% similar`;
  }
}

function SuggestionLine({
  suggestion,
  onAccept,
}: {
  readonly suggestion: Suggestion;
  readonly onAccept: () => Promise<void>;
}) {
  const [isSending, setIsSending] = useState(false);
  async function accept() {
    setIsSending(true);
    await onAccept();
    setIsSending(false);
  }
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between">
      <Stack gap={0} miw={0}>
        <Text
          size="xs"
          c="dimmed"
          truncate
          title={`Suggested: ${describeSuggestion(suggestion)}`}
        >
          Suggested · {describeSuggestion(suggestion)}
        </Text>
        <ExactName name={suggestion.name} size="xs" />
      </Stack>
      <Button
        size="compact-xs"
        variant="light"
        loading={isSending}
        onClick={() => void accept()}
        aria-label={`Accept: rename the Kaseya BMS account to ${suggestion.name}`}
        style={{ flexShrink: 0 }}
      >
        Accept
      </Button>
    </Group>
  );
}

/**
 * Renders the Catchall Account's row. It matches no organization on
 * purpose, so it offers no suggestion and no Edit.
 */
function CatchallRow({ account }: { readonly account: BmsAccountView }) {
  return (
    <Group gap="xs" wrap="nowrap" justify="space-between" px="sm" py={6}>
      <ExactName name={account.name} size="sm" />
      <Badge
        size="sm"
        variant="outline"
        color="gray"
        tt="none"
        miw="max-content"
        title="Tickets of organizations without a match go to this account"
      >
        Catchall Account
      </Badge>
    </Group>
  );
}

/** Renders a row of `Non-Matching Organizations` with its best suggestion and Edit. */
export function NonMatchingRow({
  account,
  isCatchall,
  suggestion,
  onAccept,
  onEdit,
}: {
  readonly account: BmsAccountView;
  /** True for the account that receives unmatched tickets. */
  readonly isCatchall: boolean;
  readonly suggestion: Suggestion | undefined;
  readonly onAccept: (suggestion: Suggestion) => Promise<void>;
  readonly onEdit: () => void;
}) {
  if (isCatchall) return <CatchallRow account={account} />;
  return (
    <Stack gap={4} px="sm" py={6}>
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <ExactName name={account.name} size="sm" />
        <Button
          size="compact-xs"
          variant="default"
          onClick={onEdit}
          aria-label={`Edit ${account.name}`}
          style={{ flexShrink: 0 }}
        >
          Edit
        </Button>
      </Group>
      {suggestion === undefined ? null : (
        <SuggestionLine
          suggestion={suggestion}
          onAccept={() => onAccept(suggestion)}
        />
      )}
      <PendingNameBadge pendingName={account.pendingName} />
    </Stack>
  );
}
