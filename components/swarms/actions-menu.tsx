'use client';
// A menu button (WAI-ARIA pattern): arrow keys move between items, Enter picks, Escape closes and
// returns focus. The menu is portalled with a fixed position so a scrolling table cannot clip it.
import { MoreHorizontal } from 'lucide-react';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { cn } from '@/lib/ui/cn.ts';

export type MenuItem = { label: string; onSelect: () => void; danger?: boolean; separatorBefore?: boolean };

const MENU_WIDTH = 208;

export function ActionsMenu({ label, items, buttonText }: { label: string; items: MenuItem[]; buttonText?: string }) {
  const [open, setOpen] = useState(false);
  const [position, setPosition] = useState<{ top: number; left: number } | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const itemsOf = () => [...(menu.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])];
  const close = (refocus: boolean) => {
    setOpen(false);
    setPosition(null);
    if (refocus) button.current?.focus();
  };

  // A fixed menu follows its button: live data can move the row (and the page scrolls with it).
  const place = useCallback(() => {
    if (!button.current) return;
    const rect = button.current.getBoundingClientRect();
    const height = items.length * 34 + 12;
    const below = rect.bottom + 4 + height < window.innerHeight;
    setPosition({ top: below ? rect.bottom + 4 : Math.max(8, rect.top - 4 - height), left: Math.max(8, rect.right - MENU_WIDTH) });
  }, [items.length]);

  useLayoutEffect(() => {
    if (open) place();
  }, [open, place]);

  const placed = position !== null;
  useEffect(() => {
    if (!open || !placed) return;
    itemsOf()[0]?.focus();
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', outside);
    window.addEventListener('scroll', place, true);
    window.addEventListener('resize', place);
    return () => {
      document.removeEventListener('pointerdown', outside);
      window.removeEventListener('scroll', place, true);
      window.removeEventListener('resize', place);
    };
  }, [open, placed, place]);

  const onMenuKey = (event: KeyboardEvent) => {
    const all = itemsOf();
    const index = all.indexOf(document.activeElement as HTMLButtonElement);
    const move = (to: number) => {
      event.preventDefault();
      all[(to + all.length) % all.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(all.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') close(false);
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className="inline-flex h-8 items-center gap-1 rounded-md border border-border bg-surface px-2 text-xs font-medium text-fg hover:bg-surface-2"
      >
        {buttonText && <span>{buttonText}</span>}
        <MoreHorizontal className="size-4" aria-hidden />
      </button>
      {open &&
        position &&
        createPortal(
          <div
            ref={menu}
            id={menuId}
            role="menu"
            aria-label={label}
            onKeyDown={onMenuKey}
            style={{ top: position.top, left: position.left, width: MENU_WIDTH }}
            className="fixed z-30 flex flex-col rounded-md border border-border bg-surface py-1 text-sm shadow-lg"
          >
            {items.map((item) => (
              <div key={item.label} className={cn(item.separatorBefore && 'mt-1 border-t border-border pt-1')}>
                <button
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  onClick={() => {
                    // Focus goes back to the button first, so a dialog opened next returns it there.
                    close(true);
                    item.onSelect();
                  }}
                  className={cn('w-full px-3 py-1.5 text-left hover:bg-surface-2 focus:bg-surface-2 focus:outline-none', item.danger && 'text-danger')}
                >
                  {item.label}
                </button>
              </div>
            ))}
          </div>,
          document.body,
        )}
    </>
  );
}
