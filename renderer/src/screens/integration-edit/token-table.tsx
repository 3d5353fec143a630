import { Button, ScrollArea, Table, Text, Title } from '@mantine/core';
import type { MouseEvent } from 'react';

import { TOKENS } from '../../../../shared/tokens';

/**
 * Lists every token with its description. Each token is a button that
 * inserts it into the text mapping focused last. Pressing the mouse button
 * does not move focus, so the field keeps its caret and selection.
 */
export function TokenTable({
  onInsert,
}: {
  readonly onInsert: (token: string, isKeyboard: boolean) => void;
}) {
  const click = (token: string) => (event: MouseEvent<HTMLButtonElement>) =>
    // A click from Enter or Space has no mouse presses, so detail is 0.
    onInsert(token, event.detail === 0);

  return (
    <section aria-labelledby="tokens-title">
      <Title order={3} size="h5" id="tokens-title">
        Tokens
      </Title>
      <Text size="xs" c="dimmed" mb={4}>
        Click a token to insert it at the cursor of Title, Details or the text
        field you used last.
      </Text>
      <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars>
        <Table fz="xs" verticalSpacing={2} horizontalSpacing={4}>
          <Table.Tbody>
            {TOKENS.map(token => (
              <Table.Tr key={token.name}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Button
                    size="compact-xs"
                    variant="light"
                    ff="monospace"
                    aria-label={`Insert [${token.name}]`}
                    onMouseDown={event => event.preventDefault()}
                    onClick={click(token.name)}
                  >
                    [{token.name}]
                  </Button>
                </Table.Td>
                <Table.Td>{token.description}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </section>
  );
}
