import { useMemo, useState } from 'react';

import { MAX_NAME_LENGTH } from '../../../../shared/contract/limits';
import type {
  BmsAccountView,
  OrganizationView,
  RenameTarget,
} from '../../../../shared/contract/models';
import type { ErrorData } from '../../../../shared/errors';
import type { SuggestionIndex } from '../../../../shared/suggestions';
import { requestRename } from './rename-request';

export type RenameFormProps = {
  readonly integrationId: number;
  readonly account: BmsAccountView;
  /** Every cached account, to warn before breaking an existing match. */
  readonly accounts: readonly BmsAccountView[];
  readonly organizations: readonly OrganizationView[];
  readonly suggestionIndex: SuggestionIndex;
  readonly onClose: () => void;
};

/** Returns the name that makes the chosen side equal to the other one. */
function matchingName(
  target: RenameTarget,
  account: BmsAccountView,
  organization: OrganizationView | undefined,
): string {
  if (target === 'dwid-organization') return account.name;
  return organization?.name ?? account.name.trim();
}

function validateName(name: string): string | null {
  if (name.trim() === '') return 'Enter a new name.';
  if (name.length > MAX_NAME_LENGTH) {
    return `Use at most ${MAX_NAME_LENGTH} characters.`;
  }
  return null;
}

/**
 * Keeps the state of the rename modal: the chosen organization, the side to
 * rename and the new name, which resets to the matching name whenever the
 * organization or the side changes.
 */
export function useRenameForm(props: RenameFormProps) {
  const { account, organizations, suggestionIndex } = props;
  const suggestions = useMemo(
    () => suggestionIndex.suggest(account.name),
    [suggestionIndex, account.name],
  );
  const [uuid, setUuid] = useState(suggestions[0]?.id ?? null);
  const [target, setTarget] = useState<RenameTarget>('bms-account');
  const organization = organizations.find(item => item.uuid === uuid);
  const [newName, setNewName] = useState(
    matchingName(target, account, organization),
  );
  const [error, setError] = useState<ErrorData | null>(null);
  const [isSaving, setIsSaving] = useState(false);

  function choose(nextUuid: string | null, nextTarget: RenameTarget) {
    const next = organizations.find(item => item.uuid === nextUuid);
    const side = next === undefined ? 'bms-account' : nextTarget;
    setUuid(nextUuid);
    setTarget(side);
    setNewName(matchingName(side, account, next));
  }

  async function save() {
    setIsSaving(true);
    const failure = await requestRename({
      integrationId: props.integrationId,
      target,
      targetId: target === 'bms-account' ? String(account.id) : (uuid ?? ''),
      newName,
    });
    setIsSaving(false);
    setError(failure);
    if (failure === null) props.onClose();
  }

  const currentName =
    target === 'bms-account' ? account.name : (organization?.name ?? null);
  return {
    suggestions,
    uuid,
    target,
    organization,
    newName,
    setNewName,
    error,
    isSaving,
    choose,
    save,
    nameError: validateName(newName),
    isUnchanged: newName === currentName,
    /** True when renaming the chosen organization unmatches an account. */
    breaksMatch:
      target === 'dwid-organization' &&
      uuid !== null &&
      props.accounts.some(item => item.matchedOrganizationUuid === uuid),
    /** The name on the other side, which the new name should equal. */
    otherName:
      target === 'bms-account' ? (organization?.name ?? null) : account.name,
  };
}
