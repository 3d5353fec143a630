import { Text, Tooltip, VisuallyHidden, type TextProps } from '@mantine/core';

const EDGE_SPACE = /^(\s*)(.*?)(\s*)$/su;

/** Shows each whitespace character as `␣`, so it can be seen and counted. */
function SpaceMarks({ spaces }: { readonly spaces: string }) {
  if (spaces === '') return null;
  return (
    <Text span c="orange" fw={700} aria-hidden>
      {'␣'.repeat(spaces.length)}
    </Text>
  );
}

/**
 * Renders a company or organization name as stored, character for character. BMS
 * matches names only when they are exactly equal, so leading and trailing
 * spaces are drawn as `␣` with a tooltip, and inner runs of spaces are kept.
 */
export function ExactName({
  name,
  ...textProps
}: { readonly name: string } & TextProps) {
  const [, leading = '', core = '', trailing = ''] =
    EDGE_SPACE.exec(name) ?? [];
  const text = (
    <Text truncate title={name} {...textProps} style={{ whiteSpace: 'pre' }}>
      <SpaceMarks spaces={leading} />
      {core}
      <SpaceMarks spaces={trailing} />
      {leading === '' && trailing === '' ? null : (
        <VisuallyHidden> (name has a leading or trailing space)</VisuallyHidden>
      )}
    </Text>
  );
  if (leading === '' && trailing === '') return text;
  return (
    <Tooltip label="Name has a leading or trailing space" openDelay={300}>
      {text}
    </Tooltip>
  );
}
