// The language a user picks with the switch in the header.
import { z } from 'zod';
import { LOCALES } from '@/lib/i18n/locales.ts';

export const chooseLanguageSchema = z.object({ locale: z.enum(LOCALES) });
export type ChooseLanguageInput = z.infer<typeof chooseLanguageSchema>;
