import { Badge, Box, Text } from '@mantine/core';
import dayjs from 'dayjs';
import type { CSSProperties, ReactNode } from 'react';

import type {
  DeliveryState,
  DeliveryView,
} from '../../../../shared/contract/models';

/** Column widths of the ledger. The minimums fit a 1024-pixel window. */
export const LEDGER_COLUMNS =
  '88px minmax(64px, 0.8fr) minmax(72px, 1.1fr) minmax(104px, 1.6fr) ' +
  'minmax(72px, 1.1fr) 132px 76px minmax(64px, 1.2fr)';

export const LEDGER_HEADERS = [
  'Time',
  'Integration',
  'Organization',
  'Compromise',
  'Company',
  'Ticket',
  'State',
  'Reason',
] as const;

export const ROW_HEIGHT = 52;

export const rowStyle: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: LEDGER_COLUMNS,
  columnGap: 'var(--mantine-spacing-xs)',
  alignItems: 'center',
  padding: '0 var(--mantine-spacing-xs)',
};

const STATE_COLORS: Record<DeliveryState, string> = {
  pending: 'orange',
  sending: 'blue',
  sent: 'teal',
  skipped: 'gray',
};

export const STATE_LABELS: Record<DeliveryState, string> = {
  pending: 'Pending',
  sending: 'Sending',
  sent: 'Sent',
  skipped: 'Skipped',
};

function Cell({ children }: { readonly children: ReactNode }) {
  return (
    <Box role="cell" miw={0}>
      {children}
    </Box>
  );
}

function TwoLines({
  top,
  bottom,
}: {
  readonly top: string;
  readonly bottom: string;
}) {
  return (
    <>
      <Text size="sm" truncate title={top}>
        {top}
      </Text>
      <Text size="xs" c="dimmed" truncate title={bottom}>
        {bottom}
      </Text>
    </>
  );
}

/** Renders the dimmed placeholder of an empty cell. */
function NoValue() {
  return (
    <Text size="sm" c="dimmed">
      None
    </Text>
  );
}

function OneLine({ text }: { readonly text: string | null }) {
  if (text === null) return <NoValue />;
  // Two lines keep names readable in the narrow columns of a 1024-pixel window.
  return (
    <Text
      size="sm"
      lineClamp={2}
      title={text}
      style={{ overflowWrap: 'anywhere', lineHeight: 1.25 }}
    >
      {text}
    </Text>
  );
}

/** Renders a ticket number on one line, because technicians copy it whole. */
function TicketNumber({ text }: { readonly text: string | null }) {
  if (text === null) return <NoValue />;
  return (
    <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
      {text}
    </Text>
  );
}

/** Returns the text for a row without a stored reason. */
function defaultReason(state: DeliveryState): string {
  // A pending row without a reason was not tried yet, for example because
  // the run stopped after repeated failures before it reached the row.
  return state === 'pending' ? 'Waiting for the next sync' : 'None';
}

/** Renders the cells of one ledger row. */
export function DeliveryCells({ row }: { readonly row: DeliveryView }) {
  const time = dayjs(row.updatedAt);
  return (
    <>
      <Cell>
        <TwoLines
          top={time.format('YYYY-MM-DD')}
          bottom={time.format('HH:mm:ss')}
        />
      </Cell>
      <Cell>
        <OneLine text={row.integrationName} />
      </Cell>
      <Cell>
        <OneLine text={row.organizationName} />
      </Cell>
      <Cell>
        <TwoLines top={row.searchValue} bottom={row.recordType} />
      </Cell>
      <Cell>
        <OneLine text={row.accountName} />
      </Cell>
      <Cell>
        <TicketNumber text={row.ticketNumber} />
      </Cell>
      <Cell>
        <Badge
          size="sm"
          variant="light"
          color={STATE_COLORS[row.state]}
          tt="none"
        >
          {STATE_LABELS[row.state]}
        </Badge>
      </Cell>
      <Cell>
        <Text
          size="xs"
          lineClamp={2}
          title={row.reason ?? undefined}
          c={row.reason === null ? 'dimmed' : undefined}
        >
          {row.reason ?? defaultReason(row.state)}
        </Text>
      </Cell>
    </>
  );
}
