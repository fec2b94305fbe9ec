// swagger-ui-dist ships no types: its bundle's default export is SwaggerUI(options).
declare module 'swagger-ui-dist/swagger-ui-es-bundle.js' {
  const SwaggerUI: (options: Record<string, unknown>) => unknown;
  export default SwaggerUI;
}
