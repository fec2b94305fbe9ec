// Password length limits: shared by forms in the browser, schemas and the hashing code.
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
