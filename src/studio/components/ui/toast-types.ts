// Apart from toast.tsx, which loads the toaster lazily: both name these.
export interface ToastInput {
  title: string;
  description?: string;
  variant?: 'default' | 'success' | 'error';
}

export interface ToastItem extends ToastInput {
  id: number;
}
