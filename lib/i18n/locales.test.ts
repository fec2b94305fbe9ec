import { describe, expect, it } from 'vitest';
import { chooseLocale, localeOfHeaders, negotiateLocale } from './locales.ts';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['*', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['zh-Hans-CN', 'zh-CN'],
    ['zh-TW', 'zh-CN'],
    ['en;q=0.5,zh-CN;q=0.9', 'zh-CN'],
    ['zh-CN;q=0.4,en-GB;q=0.8', 'en'],
    ['fr-FR,de;q=0.8', 'en'],
    ['fr-FR,zh;q=0.3', 'zh-CN'],
    ['garbage;;;q=x', 'en'],
  ])('%s → %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe('chooseLocale', () => {
  it('prefers the profile, then the cookie, then the browser', () => {
    expect(chooseLocale({ profile: 'zh-CN', cookie: 'en', acceptLanguage: 'en' })).toBe('zh-CN');
    expect(chooseLocale({ profile: null, cookie: 'zh-CN', acceptLanguage: 'en' })).toBe('zh-CN');
    expect(chooseLocale({ profile: 'xx', cookie: 'yy', acceptLanguage: 'zh' })).toBe('zh-CN');
    expect(chooseLocale({})).toBe('en');
  });
});

describe('localeOfHeaders', () => {
  it('reads the language cookie out of a Cookie header, after the profile and before Accept-Language', () => {
    expect(localeOfHeaders({ cookieHeader: 'wharf.session=x; wharf.locale=zh-CN', acceptLanguage: 'en' })).toBe('zh-CN');
    expect(localeOfHeaders({ profile: 'en', cookieHeader: 'wharf.locale=zh-CN' })).toBe('en');
    expect(localeOfHeaders({ cookieHeader: null, acceptLanguage: 'zh' })).toBe('zh-CN');
  });
});
