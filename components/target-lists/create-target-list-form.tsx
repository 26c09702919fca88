"use client";

import { useRouter } from "next/navigation";
import { createTargetListAction } from "@/lib/target-lists/actions";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { Textarea } from "@/components/ui/input";

export function CreateTargetListForm() {
  const router = useRouter();
  const [result, formAction, pending] = useActionForm(createTargetListAction, (data) => router.push(`/lists/${data.id}`));
  return (
    <form action={formAction} className="space-y-4">
      <FormMessage result={result} />
      <Field label="Name" name="name" required maxLength={120} result={result} />
      <Field label="Description (optional)" name="description" result={result}>
        <Textarea className="min-h-24" name="description" maxLength={2000} />
      </Field>
      <SubmitButton pending={pending}>Create list</SubmitButton>
    </form>
  );
}
