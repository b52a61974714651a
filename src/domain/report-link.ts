/**
 * Where a person opens an investigation's report in the viewer the API serves (`/ui/reports/:id`), under the
 * address people reach the API at (PUBLIC_BASE_URL, which may carry a path when a proxy mounts the API there).
 */
export function reportViewerUrl(publicBaseUrl: string, investigationId: string): string {
  const base = publicBaseUrl.endsWith('/') ? publicBaseUrl : `${publicBaseUrl}/`;
  return new URL(`ui/reports/${encodeURIComponent(investigationId)}`, base).toString();
}
