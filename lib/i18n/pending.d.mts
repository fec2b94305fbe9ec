// Types of pending.mjs (read by eslint.config.mjs, and by the e2e tour in Chinese).
export declare const I18N_PENDING: string[];
