import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildNotificationRequest, dingTalkSign, feishuSign, judgeAnswer, markdownText, wharfSignature, type Hmac } from './notification-payloads.ts';
import { ruleCovers, urlHint, type NotificationEvent } from './notifications.ts';

const hmac: Hmac = (key, message, encoding) => createHmac('sha256', key).update(message, 'utf8').digest(encoding);

const event: NotificationEvent = {
  event: 'deploy.finished',
  at: '2026-12-06T19:00:00.000Z',
  title: 'Stack shop deployed as revision 3',
  text: 'Created 1 service, updated 2.',
  scope: { swarmId: 'sw1', swarmName: 'prod', stackName: 'shop' },
};
const NOW = 1_765_047_600_123;

describe('generic webhooks', () => {
  it('sign "<timestamp>.<raw body>" with HMAC-SHA256 in hex, sent with the timestamp', () => {
    const request = buildNotificationRequest('webhook', 'https://hooks.example.com/wharf', 'whsec', event, { nowMs: NOW, hmac });
    expect(request.url).toBe('https://hooks.example.com/wharf');
    expect(request.headers['X-Wharf-Timestamp']).toBe('1765047600');
    expect(request.headers['X-Wharf-Event']).toBe('deploy.finished');
    const expected = createHmac('sha256', 'whsec').update(`1765047600.${request.body}`).digest('hex');
    expect(request.headers['X-Wharf-Signature']).toBe(`sha256=${expected}`);
    expect(JSON.parse(request.body)).toEqual({ source: 'wharf', ...event });
  });

  it('match a known-answer vector', () => {
    // echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac key
    expect(wharfSignature(hmac, 'key', '1700000000', '{"a":1}')).toBe(`sha256=${createHmac('sha256', 'key').update('1700000000.{"a":1}').digest('hex')}`);
    expect(wharfSignature(hmac, 'key', '1700000000', '{"a":1}')).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('change signature when the timestamp changes (no replay at another time)', () => {
    const a = buildNotificationRequest('webhook', 'https://h.example/', 's', event, { nowMs: NOW, hmac });
    const b = buildNotificationRequest('webhook', 'https://h.example/', 's', event, { nowMs: NOW + 5000, hmac });
    expect(a.body).toBe(b.body);
    expect(a.headers['X-Wharf-Signature']).not.toBe(b.headers['X-Wharf-Signature']);
  });

  it('carry no signature without a secret', () => {
    const request = buildNotificationRequest('webhook', 'https://h.example/', null, event, { nowMs: NOW, hmac });
    expect(request.headers['X-Wharf-Signature']).toBeUndefined();
  });
});

describe('DingTalk', () => {
  it('sends msgtype markdown, and signs timestamp (ms) + "\\n" + secret as its documents say', () => {
    const request = buildNotificationRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc', 'SECxyz', event, { nowMs: NOW, hmac });
    const url = new URL(request.url);
    expect(url.searchParams.get('access_token')).toBe('abc');
    expect(url.searchParams.get('timestamp')).toBe(String(NOW));
    const sign = createHmac('sha256', 'SECxyz').update(`${NOW}\nSECxyz`).digest('base64');
    expect(url.searchParams.get('sign')).toBe(sign);
    expect(request.url).toContain(`sign=${encodeURIComponent(sign)}`);
    expect(dingTalkSign(hmac, 'SECxyz', String(NOW))).toBe(sign);
    const body = JSON.parse(request.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('Wharf: Deploy finished');
    expect(body.markdown.text).toContain('Stack shop deployed as revision 3');
  });

  it('leaves the URL as it is without a secret', () => {
    expect(buildNotificationRequest('dingtalk', 'https://oapi.dingtalk.com/robot/send?access_token=abc', null, event, { nowMs: NOW, hmac }).url).toBe('https://oapi.dingtalk.com/robot/send?access_token=abc');
  });
});

describe('Feishu', () => {
  it('sends msg_type text, and signs with "<timestamp>\\n<secret>" as the key of an empty message', () => {
    const request = buildNotificationRequest('feishu', 'https://open.feishu.cn/open-apis/bot/v2/hook/x', 'fsec', event, { nowMs: NOW, hmac });
    const body = JSON.parse(request.body);
    expect(body.timestamp).toBe('1765047600');
    const sign = createHmac('sha256', '1765047600\nfsec').update('').digest('base64');
    expect(body.sign).toBe(sign);
    expect(feishuSign(hmac, 'fsec', '1765047600')).toBe(sign);
    expect(body.msg_type).toBe('text');
    expect(body.content.text).toContain('Wharf: Deploy finished\nStack shop deployed as revision 3');
  });

  it('has no timestamp or sign without a secret', () => {
    const body = JSON.parse(buildNotificationRequest('feishu', 'https://open.feishu.cn/x', null, event, { nowMs: NOW, hmac }).body);
    expect(Object.keys(body)).toEqual(['msg_type', 'content']);
  });
});

describe('Slack and WeCom', () => {
  it('Slack gets text and a mrkdwn block, with markup in names escaped', () => {
    const body = JSON.parse(buildNotificationRequest('slack', 'https://hooks.slack.com/services/T/B/x', null, { ...event, title: 'Container <!channel> & co died' }, { nowMs: NOW, hmac }).body);
    expect(body.text).toBe('Wharf: Deploy finished: Container &lt;!channel&gt; &amp; co died');
    expect(body.blocks[0].type).toBe('section');
    expect(body.blocks[0].text.type).toBe('mrkdwn');
    expect(body.blocks[0].text.text).not.toContain('<!channel>');
  });

  it('WeCom gets msgtype markdown with the scope and time', () => {
    const body = JSON.parse(buildNotificationRequest('wecom', 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k', 'ignored', event, { nowMs: NOW, hmac }).body);
    expect(body).toEqual({ msgtype: 'markdown', markdown: { content: markdownText(event) } });
    expect(body.markdown.content).toBe('**Wharf: Deploy finished**\n\nStack shop deployed as revision 3\n\nCreated 1 service, updated 2.\n\nSwarm prod · Stack shop\n\n2026-12-06T19:00:00.000Z');
  });

  it('a test is marked as one', () => {
    expect(markdownText({ ...event, test: true })).toMatch(/^\*\*\[Test\] Wharf/);
  });
});

describe('answers', () => {
  it('2xx is delivered for webhooks and Slack, anything else is not', () => {
    expect(judgeAnswer('webhook', 204, '')).toEqual({ delivered: true, answer: 'HTTP 204' });
    expect(judgeAnswer('slack', 200, 'ok')).toEqual({ delivered: true, answer: 'HTTP 200: ok' });
    expect(judgeAnswer('webhook', 500, 'boom\n\n  again')).toEqual({ delivered: false, answer: 'HTTP 500: boom again' });
    expect(judgeAnswer('webhook', 302, '')).toMatchObject({ delivered: false });
  });

  it('DingTalk, WeCom and Feishu refuse inside a 200', () => {
    expect(judgeAnswer('dingtalk', 200, '{"errcode":0,"errmsg":"ok"}').delivered).toBe(true);
    expect(judgeAnswer('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({ delivered: false, answer: 'HTTP 200: {"errcode":310000,"errmsg":"sign not match"}' });
    expect(judgeAnswer('wecom', 200, '{"errcode":93000}').delivered).toBe(false);
    expect(judgeAnswer('feishu', 200, '{"code":0,"msg":"success"}').delivered).toBe(true);
    expect(judgeAnswer('feishu', 200, '{"StatusCode":0}').delivered).toBe(true);
    expect(judgeAnswer('feishu', 200, '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}').delivered).toBe(false);
    expect(judgeAnswer('feishu', 200, 'not json').delivered).toBe(false);
  });

  it('keeps the answer short', () => {
    expect(judgeAnswer('webhook', 500, 'x'.repeat(5000)).answer.length).toBeLessThan(320);
  });
});

describe('rules and hints', () => {
  const everything = { hostId: null, swarmId: null, stackName: null };
  it('a rule narrowed to nothing takes every event, the audit chain included', () => {
    expect(ruleCovers(everything, {})).toBe(true);
    expect(ruleCovers(everything, { hostId: 'h' })).toBe(true);
  });
  it('a host, swarm or stack rule takes only its own events', () => {
    expect(ruleCovers({ ...everything, hostId: 'h' }, { hostId: 'h' })).toBe(true);
    expect(ruleCovers({ ...everything, hostId: 'h' }, { hostId: 'other' })).toBe(false);
    expect(ruleCovers({ ...everything, hostId: 'h' }, {})).toBe(false);
    expect(ruleCovers({ ...everything, swarmId: 's' }, { swarmId: 's', stackName: 'shop' })).toBe(true);
    expect(ruleCovers({ ...everything, swarmId: 's', stackName: 'shop' }, { swarmId: 's', stackName: 'blog' })).toBe(false);
    expect(ruleCovers({ ...everything, swarmId: 's', stackName: 'shop' }, { swarmId: 's' })).toBe(false);
  });
  it('the hint shows no path or query (they carry tokens)', () => {
    expect(urlHint('https://oapi.dingtalk.com/robot/send?access_token=secret')).toBe('https://oapi.dingtalk.com/…');
    expect(urlHint('http://127.0.0.1:8080/hook/abc')).toBe('http://127.0.0.1:8080/…');
    expect(urlHint('nonsense')).toBe('…');
  });
});
