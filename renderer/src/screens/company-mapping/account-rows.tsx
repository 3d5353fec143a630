import { Badge, Button, Text } from '@mantine/core';
import { memo, useState, type CSSProperties } from 'react';

import type { BmsAccountView } from '../../../../shared/contract/models';
import type {
  Suggestion,
  SuggestionIndex,
} from '../../../../shared/suggestions';
import { ExactName } from '../../components/exact-name';
import { PendingNameBadge } from '../../components/pending-name-badge';

// Rows are laid out with plain elements styled like Mantine's Stack and
// Group. A keystroke in the search box can mount some 50 rows at once, and
// each Mantine layout component resolves its props and styles on every
// mount.
const ROW_STYLE: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  gap: 4,
  padding: '6px var(--mantine-spacing-sm)',
};
const LINE_STYLE: CSSProperties = {
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'space-between',
  gap: 'var(--mantine-spacing-xs)',
};
const CATCHALL_ROW_STYLE: CSSProperties = {
  ...LINE_STYLE,
  padding: ROW_STYLE.padding,
};
const SUGGESTION_TEXT_STYLE: CSSProperties = {
  display: 'flex',
  flexDirection: 'column',
  minWidth: 0,
};

/**
 * Renders a row of `Kaseya Account Names` or `Matched Organizations`.
 * Memoized, like NonMatchingRow, because each keystroke in the search box
 * re-renders the list, and most rows on screen stay the same.
 */
export const AccountRow = memo(function AccountRow({
  account,
  withMatchState,
}: {
  readonly account: BmsAccountView;
  readonly withMatchState: boolean;
}) {
  const isMatched = account.matchedOrganizationUuid !== null;
  return (
    <div style={ROW_STYLE}>
      <div style={LINE_STYLE}>
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
      </div>
      <PendingNameBadge pendingName={account.pendingName} />
    </div>
  );
});

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
    <div style={LINE_STYLE}>
      <div style={SUGGESTION_TEXT_STYLE}>
        <Text
          size="xs"
          c="dimmed"
          truncate
          title={`Suggested: ${describeSuggestion(suggestion)}`}
        >
          Suggested · {describeSuggestion(suggestion)}
        </Text>
        <ExactName name={suggestion.name} size="xs" />
      </div>
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
    </div>
  );
}

/**
 * Renders the Catchall Account's row. It matches no organization on
 * purpose, so it offers no suggestion and no Edit.
 */
function CatchallRow({ account }: { readonly account: BmsAccountView }) {
  return (
    <div style={CATCHALL_ROW_STYLE}>
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
    </div>
  );
}

/** Renames `account` to the name `suggestion` offers, queued for BMS. */
export type AcceptSuggestion = (
  account: BmsAccountView,
  suggestion: Suggestion,
) => Promise<void>;

/**
 * Renders a row of `Non-Matching Organizations` with its best suggestion and
 * Edit. The callbacks take the account, so one pair serves every row and
 * the memoized row re-renders only when its own props change.
 */
export const NonMatchingRow = memo(function NonMatchingRow({
  account,
  isCatchall,
  suggestionIndex,
  onAccept,
  onEdit,
}: {
  readonly account: BmsAccountView;
  /** True for the account that receives unmatched tickets. */
  readonly isCatchall: boolean;
  readonly suggestionIndex: SuggestionIndex;
  readonly onAccept: AcceptSuggestion;
  readonly onEdit: (account: BmsAccountView) => void;
}) {
  if (isCatchall) return <CatchallRow account={account} />;
  // The index caches its results per name, so this is cheap after the
  // first time the row is shown.
  const suggestion = suggestionIndex.suggest(account.name)[0];
  return (
    <div style={ROW_STYLE}>
      <div style={LINE_STYLE}>
        <ExactName name={account.name} size="sm" />
        <Button
          size="compact-xs"
          variant="default"
          onClick={() => onEdit(account)}
          aria-label={`Edit ${account.name}`}
          style={{ flexShrink: 0 }}
        >
          Edit
        </Button>
      </div>
      {suggestion === undefined ? null : (
        <SuggestionLine
          suggestion={suggestion}
          onAccept={() => onAccept(account, suggestion)}
        />
      )}
      <PendingNameBadge pendingName={account.pendingName} />
    </div>
  );
});
