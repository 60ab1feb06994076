import type { ComponentChildren } from 'preact';
import type { FieldErrors } from './field-errors.js';

interface FieldProps {
  /** The field's path as the API names it; also what makes its id unique within `idPrefix`. */
  path: string;
  idPrefix: string;
  label: string;
  errors: FieldErrors;
}

const idOf = (prefix: string, path: string) => `${prefix}-${path.replace(/[^\w-]/g, '-')}`;

/** The rule a field broke, beside it, and tied to it for assistive technology. */
const Rule = ({ id, path, rule }: { id: string; path: string; rule: string | undefined }) =>
  rule === undefined ? null : (
    <p class="field-error" id={id}>
      <code>{path}</code> {rule}
    </p>
  );

const Labelled = ({
  id,
  path,
  label,
  rule,
  children,
}: {
  id: string;
  path: string;
  label: string;
  rule: string | undefined;
  children: ComponentChildren;
}) => (
  <div class={rule === undefined ? 'field' : 'field field-invalid'}>
    <label for={id}>{label}</label>
    {children}
    <Rule id={`${id}-error`} path={path} rule={rule} />
  </div>
);

export const TextField = ({
  path,
  idPrefix,
  label,
  errors,
  value,
  onInput,
  multiline = false,
  type = 'text',
  required = false,
}: FieldProps & {
  value: string;
  onInput: (value: string) => void;
  multiline?: boolean;
  type?: 'text' | 'number' | 'password';
  required?: boolean;
}) => {
  const id = idOf(idPrefix, path);
  const rule = errors[path];
  const common = {
    id,
    name: path,
    value,
    required,
    'aria-invalid': rule !== undefined,
    'aria-describedby': rule === undefined ? undefined : `${id}-error`,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <Labelled id={id} path={path} label={label} rule={rule}>
      {multiline ? <textarea rows={3} {...common} /> : <input type={type} {...common} />}
    </Labelled>
  );
};

export const SelectField = <V extends string>({
  path,
  idPrefix,
  label,
  errors,
  value,
  options,
  onChange,
}: FieldProps & {
  value: V;
  options: readonly { value: V; label: string }[];
  onChange: (value: V) => void;
}) => {
  const id = idOf(idPrefix, path);
  const rule = errors[path];
  return (
    <Labelled id={id} path={path} label={label} rule={rule}>
      <select
        id={id}
        name={path}
        value={value}
        aria-invalid={rule !== undefined}
        aria-describedby={rule === undefined ? undefined : `${id}-error`}
        onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value as V)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Labelled>
  );
};

export const CheckboxField = ({
  path,
  idPrefix,
  label,
  errors,
  checked,
  onChange,
}: FieldProps & { checked: boolean; onChange: (checked: boolean) => void }) => {
  const id = idOf(idPrefix, path);
  const rule = errors[path];
  return (
    <div class="field field-checkbox">
      <input
        type="checkbox"
        id={id}
        name={path}
        checked={checked}
        aria-invalid={rule !== undefined}
        aria-describedby={rule === undefined ? undefined : `${id}-error`}
        onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id}>{label}</label>
      <Rule id={`${id}-error`} path={path} rule={rule} />
    </div>
  );
};
