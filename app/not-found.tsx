import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-slate-600">There is no organisation or page at this address. Codes are ODS, ONS or PHS codes, such as QYG or S08000015.</p>
      <Link href="/" className={`mt-6 ${buttonClass()}`}>Back to the overview</Link>
    </div>
  );
}
