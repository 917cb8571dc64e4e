/**
 * Whether the slash commands Discord has registered are the ones we would register. Discord
 * answers with every field filled in (ids, versions, defaults such as `type: 1` or
 * `nsfw: false`), while our definitions leave defaults out; both sides are therefore brought
 * to one form, field by field, with Discord's defaults filled in, before they are compared.
 */
export function sameCommands(
  registered: readonly unknown[],
  ours: readonly unknown[],
  scope: 'global' | 'guild',
): boolean {
  if (registered.length !== ours.length) return false;
  const byName = new Map(registered.map((command) => [nameOf(command), command]));
  if (byName.size !== registered.length) return false;
  return ours.every((command) => {
    const theirs = byName.get(nameOf(command));
    return (
      theirs !== undefined &&
      JSON.stringify(commandForm(theirs, command, scope)) ===
        JSON.stringify(commandForm(command, command, scope))
    );
  });
}

type Json = Record<string, unknown>;

/**
 * Fields whose default Discord decides from the application's settings (where a command may
 * be installed and used; the old `dm_permission` follows from `contexts`), not one fixed
 * value: compared only when our definition sets them, and only for global commands, the only
 * ones they apply to.
 */
const APP_DEFAULTED = ['contexts', 'integration_types', 'dm_permission'] as const;

/** A command in comparable form: the fields that change what users see, defaults filled in. */
function commandForm(command: unknown, ours: unknown, scope: 'global' | 'guild'): Json {
  const c = asObject(command);
  const form: Json = {
    name: c.name,
    type: c.type ?? 1,
    description: c.description ?? '',
    name_localizations: localizations(c.name_localizations),
    description_localizations: localizations(c.description_localizations),
    default_member_permissions: c.default_member_permissions ?? null,
    nsfw: c.nsfw ?? false,
    options: optionsForm(c.options),
  };
  const set = asObject(ours);
  for (const field of scope === 'global' ? APP_DEFAULTED : []) {
    if (set[field] === undefined || set[field] === null) continue;
    form[field] = Array.isArray(set[field]) ? sortedList(c[field]) : (c[field] ?? null);
  }
  return form;
}

/** Options in order (Discord keeps the order it was given, and users see it). */
function optionsForm(options: unknown): Json[] {
  if (!Array.isArray(options)) return [];
  return options.map((option) => {
    const o = asObject(option);
    const form: Json = {
      type: o.type,
      name: o.name,
      description: o.description ?? '',
      name_localizations: localizations(o.name_localizations),
      description_localizations: localizations(o.description_localizations),
      // An optional option comes back with `required: false` or without the field.
      required: o.required ?? false,
      autocomplete: o.autocomplete ?? false,
      choices: Array.isArray(o.choices)
        ? o.choices.map((choice) => {
            const ch = asObject(choice);
            return {
              name: ch.name,
              value: ch.value,
              name_localizations: localizations(ch.name_localizations),
            };
          })
        : [],
      channel_types: sortedList(o.channel_types),
      min_value: o.min_value ?? null,
      max_value: o.max_value ?? null,
      min_length: o.min_length ?? null,
      max_length: o.max_length ?? null,
      options: optionsForm(o.options),
    };
    return form;
  });
}

/** Discord sends no localizations as null, or leaves the field out; we may send `{}`. */
function localizations(value: unknown): Json | null {
  const entries = Object.entries(asObject(value)).filter(([, text]) => text !== null);
  if (entries.length === 0) return null;
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sortedList(value: unknown): unknown[] {
  return Array.isArray(value) ? [...value].sort() : [];
}

function nameOf(command: unknown): unknown {
  return asObject(command).name;
}

function asObject(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Json)
    : {};
}
