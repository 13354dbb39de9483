/** The fields `agreement set` knows, for help texts: one list, kept with their rules in ../agreement.ts. */
import { AGREEMENT_FIELDS, type AgreementField } from "../agreement-fields.js";

export type AgreementFieldInfo = Pick<AgreementField, "name" | "description" | "example">;

export const AGREEMENT_FIELD_INFO: readonly AgreementFieldInfo[] = AGREEMENT_FIELDS;

export const AGREEMENT_FIELD_NAMES: readonly string[] = AGREEMENT_FIELDS.map((f) => f.name);

export { agreementField } from "../agreement-fields.js";
