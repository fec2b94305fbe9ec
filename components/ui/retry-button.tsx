'use client';
// Try again after a render failed (a page or a section): the page is read again from the server,
// then the error boundary shows what it now gives.
import { useRouter } from 'next/navigation';
import { useTransition } from 'react';
import { Button, type ButtonProps } from './button.tsx';

export function RetryButton({ reset, children, ...rest }: Omit<ButtonProps, 'onClick' | 'busy'> & { reset: () => void }) {
  const router = useRouter();
  const [retrying, startRetry] = useTransition();
  return (
    <Button
      {...rest}
      busy={retrying}
      onClick={() =>
        startRetry(() => {
          router.refresh();
          reset();
        })
      }
    >
      {children}
    </Button>
  );
}
