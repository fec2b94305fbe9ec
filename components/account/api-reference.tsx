'use client';
// The OpenAPI document of /api/v1 rendered by Swagger UI, bundled with the console (no CDN: the
// content-security-policy allows only the console's own scripts). A reference, not a client: "Try
// it out" is off, since a request from here would need a token pasted into the page.
//
// Swagger UI comes from swagger-ui-dist, its own prebuilt bundle: built from swagger-ui-react's
// sources by the console's bundler (Turbopack), the OpenAPI 3.1 resolver lost a module it registers
// by side effect, and expanding an operation spun forever.
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import 'swagger-ui-dist/swagger-ui.css';

type SwaggerUi = (options: Record<string, unknown>) => unknown;

export function ApiReference() {
  const t = useTranslations('account.apiReference');
  const node = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');
  useEffect(() => {
    let cancelled = false;
    import('swagger-ui-dist/swagger-ui-es-bundle.js')
      .then((loaded: { default: SwaggerUi }) => {
        if (cancelled || !node.current) return;
        loaded.default({ domNode: node.current, url: '/api/v1/openapi.json', supportedSubmitMethods: [], docExpansion: 'list', defaultModelsExpandDepth: 0, deepLinking: false });
        setState('shown');
      })
      .catch(() => !cancelled && setState('failed'));
    return () => {
      cancelled = true;
    };
  }, []);
  return (
    <>
      {state === 'loading' && <p className="text-muted">{t('loading')}</p>}
      {state === 'failed' && (
        <p role="alert" className="text-danger">
          {t('failed')}
        </p>
      )}
      {/* The document (and Swagger UI's own words) are English in every locale: marked so. */}
      <div ref={node} className="rounded-md border border-border bg-white" data-api-document />
    </>
  );
}
