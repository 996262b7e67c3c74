import { Skeleton } from './spinner.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from './table.tsx';

/** The shape of the table that is loading, so the page does not jump when data arrives. */
export function TableSkeleton({ columns, rows = 3, label }: { columns: string[]; rows?: number; label: string }) {
  return (
    <div role="status" aria-label={label}>
      <Table>
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHead key={c}>{c}</TableHead>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {Array.from({ length: rows }, (_, row) => (
            <TableRow key={row}>
              {columns.map((c) => (
                <TableCell key={c}>
                  <Skeleton className="h-3 w-24" />
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
