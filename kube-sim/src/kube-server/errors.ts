// The single error type of the test server, converted to a metav1.Status once at the HTTP edge
// (STYLE rule 4). Reasons and messages follow k8s.io/apimachinery/pkg/api/errors.
import { formatInvalid, statusCauses, type FieldError } from '@sluice/crds/admission';
import type { Json, ResourceType } from './types.js';

// One field error, as k8s.io/apimachinery's field.Error; the CRD admission
// (@sluice/crds/admission) owns the shape.
export type { FieldError } from '@sluice/crds/admission';

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details: Json = {},
  ) {
    super(message);
  }

  toStatus(): Json {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      details: this.details,
      code: this.code,
    };
  }
}

/** `inferencemodels.sluice.dev`, or `configmaps` for the core group, as the real server names it. */
export const qualifiedResource = (t: ResourceType): string =>
  t.group === '' ? t.plural : `${t.plural}.${t.group}`;

const kindDetails = (t: ResourceType, name: string): Json => ({
  name,
  group: t.group,
  kind: t.plural,
});

export const notFound = (t: ResourceType, name: string): ApiError =>
  new ApiError(
    404,
    'NotFound',
    `${qualifiedResource(t)} "${name}" not found`,
    kindDetails(t, name),
  );

export const alreadyExists = (t: ResourceType, name: string): ApiError =>
  new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(t)} "${name}" already exists`,
    kindDetails(t, name),
  );

export const conflict = (t: ResourceType, name: string): ApiError =>
  new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(t)} "${name}": the object has been ` +
      'modified; please apply your changes to the latest version and try again',
    kindDetails(t, name),
  );

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);

export const gone = (message: string): ApiError => new ApiError(410, 'Expired', message);

/**
 * The one place that builds 422 Invalid, like apierrors.NewInvalid (the text comes from
 * @sluice/crds/admission's format.ts, a port of field.Error and ErrorList.ToAggregate):
 * `InferenceModel.sluice.dev "x" is invalid: spec.a: Invalid value: 5: must be ...`, several
 * errors joined as `[a, b]`.
 */
export const invalid = (t: ResourceType, name: string, errors: FieldError[]): ApiError =>
  new ApiError(422, 'Invalid', formatInvalid(t.kind, t.group, name, errors), {
    name,
    group: t.group,
    kind: t.kind,
    causes: statusCauses(errors),
  });
