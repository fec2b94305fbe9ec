// An http(s) endpoint's URL as a form gives it (audit forwarding, notification channels): present,
// not too long, a full URL, http or https, no credentials in it, and whatever the caller adds. Each
// caller says its own sentences (their catalogue keys), so the field reads right where it is.
import { z } from 'zod';

export type EndpointUrlTexts = { required: string; tooLong: string; fullUrl: string; httpUrl: string; noCredentials: string };

export function endpointUrlSchema(texts: EndpointUrlTexts, refuse: (url: URL) => string | null = () => null) {
  return z
    .string()
    .trim()
    .min(1, texts.required)
    .max(2048, texts.tooLong)
    .superRefine((raw, ctx) => {
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: texts.fullUrl });
        return;
      }
      const refused =
        url.protocol !== 'http:' && url.protocol !== 'https:' ? texts.httpUrl : url.username || url.password ? texts.noCredentials : refuse(url);
      if (refused) ctx.addIssue({ code: 'custom', message: refused });
    });
}
