// The names of undo steps: "Move layer “hat”", "Change offset Y", "Add trigger".

/** An id as the names quote it. */
export function quoted(id: string): string {
  return `“${id}”`;
}

/**
 * A form field's label as it reads inside a sentence: units and hints in parentheses go, the
 * first letter is lowered unless the word is an acronym, a trailing axis is upper case
 * ("Offset (face sizes) y" → "offset Y", "LUT" → "LUT").
 */
export function fieldName(label: string): string {
  const plain = label.replace(/\([^)]*\)/g, " ").replace(/\s+/g, " ").trim();
  const lowered = /^[A-Z][a-z]/.test(plain) ? plain[0]!.toLowerCase() + plain.slice(1) : plain;
  return lowered.replace(/ ([xy])$/, (_, axis: string) => ` ${axis.toUpperCase()}`);
}

/** The name of an edit made through a field: "Change offset Y". */
export function changeOf(label: string): string {
  return `Change ${fieldName(label)}`;
}

/** The name of ticking or unticking a checkbox: "Turn on outline". */
export function toggleOf(label: string, on: boolean): string {
  return `Turn ${on ? "on" : "off"} ${fieldName(label)}`;
}
