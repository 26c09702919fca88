"use client";

import { updateTargetListAction } from "@/lib/target-lists/actions";
import { Field, FormMessage, SubmitButton, useActionForm } from "@/components/ui/form";
import { Textarea } from "@/components/ui/input";

export function EditTargetListForm({ id, name, description, version }: { id: string; name: string; description: string; version: number }) {
  const [result, formAction, pending] = useActionForm(updateTargetListAction);
  return (
    <form action={formAction} className="space-y-4">
      <input type="hidden" name="id" value={id} />
      {/* The version this form was loaded with: a save over someone else's newer change is refused */}
      <input type="hidden" name="version" value={version} />
      <FormMessage result={result} success="Saved." />
      <Field label="Name" name="name" defaultValue={name} required maxLength={120} result={result} />
      <Field label="Description" name="description" result={result}>
        <Textarea className="min-h-24" name="description" defaultValue={description} maxLength={2000} />
      </Field>
      <SubmitButton pending={pending}>Save</SubmitButton>
    </form>
  );
}
