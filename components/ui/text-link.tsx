// A link in running text or a header's actions, in the accent colour.
import Link from 'next/link';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/ui/cn.ts';

export function TextLink({ className, ...rest }: ComponentProps<typeof Link>) {
  return <Link className={cn('text-sm text-accent hover:underline', className)} {...rest} />;
}
