/**
 * @module A form's fields as every form of the platform draws them (the office's and the portal's): a
 * label around its control, the hint and the problem tied to it by aria-describedby, aria-invalid on a
 * refused field, and what was typed kept when the form comes back.
 */
import type { FieldErrors } from '../input-schema.js';
import { FieldError } from './layout.js';

/** A form that came back: what was typed, and the problems by field. */
export interface FormState {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

export function Input(props: {
  state: FormState | undefined;
  name: string;
  label: string;
  type?: string;
  required?: boolean;
  hint?: string;
  value?: string;
  autocomplete?: string;
  maxLength?: number;
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
}) {
  const error = props.state?.errors[props.name];
  const id = `f-${props.name}`;
  return (
    <label for={id}>
      {/* One span: the label is a flex column, and the mark would otherwise take a line of its own. */}
      <span>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </span>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.state?.values[props.name] ?? props.value ?? ''}
        required={props.required}
        autocomplete={props.autocomplete ?? 'off'}
        maxlength={props.maxLength}
        inputmode={props.inputmode}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </label>
  );
}

export function Choice(props: {
  state: FormState | undefined;
  name: string;
  label: string;
  options: readonly (readonly [string, string])[];
  value?: string;
  required?: boolean;
}) {
  const error = props.state?.errors[props.name];
  const chosen = props.state?.values[props.name] ?? props.value;
  const id = `f-${props.name}`;
  return (
    <label for={id}>
      {props.required ? (
        <span>
          {props.label}
          <span aria-hidden="true"> *</span>
        </span>
      ) : (
        props.label
      )}
      <select
        id={id}
        name={props.name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {props.options.map(([value, text]) => (
          <option value={value} selected={chosen === value}>
            {text}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} message={error} />
    </label>
  );
}

/** A text area with its label, hint and problem, as Input. */
export function TextArea(props: {
  state: FormState | undefined;
  name: string;
  label: string;
  required?: boolean;
  hint?: string;
  maxLength?: number;
}) {
  const error = props.state?.errors[props.name];
  const id = `f-${props.name}`;
  return (
    <label for={id}>
      <span>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </span>
      <textarea
        id={id}
        name={props.name}
        required={props.required}
        maxlength={props.maxLength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : props.hint ? `${id}-hint` : undefined}
      >
        {props.state?.values[props.name] ?? ''}
      </textarea>
      {props.hint && (
        <span class="hint" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </label>
  );
}
