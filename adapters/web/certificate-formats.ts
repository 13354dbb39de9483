/** The certificate draft's downloads: the renderers `tandem certificate --format` uses. */
import {
  certificateHtml,
  certificateJson,
  certificateMarkdown,
} from "../../src/services/certificate/certificate-render.js";

export const CERTIFICATE_FORMATS = {
  md: { render: certificateMarkdown, type: "text/markdown; charset=utf-8", extension: "md" },
  json: { render: certificateJson, type: "application/json; charset=utf-8", extension: "json" },
  html: { render: certificateHtml, type: "text/html; charset=utf-8", extension: "html" },
} as const;

export type CertificateFormat = keyof typeof CERTIFICATE_FORMATS;

export function isCertificateFormat(text: string | undefined): text is CertificateFormat {
  return text !== undefined && Object.hasOwn(CERTIFICATE_FORMATS, text);
}
