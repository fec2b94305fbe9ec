'use client';
// The OpenAPI document of /api/v1 rendered by Swagger UI's React component, bundled with the console
// (no CDN: the content-security-policy allows only the console's own scripts). A reference, not a
// client: "Try it out" is off, since a request from here would need a token pasted into the page.
import dynamic from 'next/dynamic';
import { useTranslations } from 'next-intl';
import 'swagger-ui-react/swagger-ui.css';

function Loading() {
  const t = useTranslations('account.apiReference');
  return <p className="text-muted">{t('loading')}</p>;
}

// Swagger UI reads the browser's window as it loads: it renders in the browser only.
const SwaggerUI = dynamic(() => import('swagger-ui-react'), { ssr: false, loading: () => <Loading /> });

export function ApiReference() {
  return (
    // The document (and Swagger UI's own words) are English in every locale: marked so.
    <div className="rounded-md border border-border bg-white" data-api-document>
      <SwaggerUI url="/api/v1/openapi.json" supportedSubmitMethods={[]} docExpansion="list" defaultModelsExpandDepth={0} />
    </div>
  );
}
