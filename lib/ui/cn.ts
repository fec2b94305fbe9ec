// Joins class names conditionally.
export { clsx as cn } from 'clsx';
