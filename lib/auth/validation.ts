import { z } from "zod";
import { ROLES } from "./roles";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Use at most 254 characters")
  .pipe(z.email("Enter an email address like name@example.com"));
export const nameSchema = z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters");
export const roleSchema = z.enum(ROLES, { message: "Choose owner, admin, analyst or viewer" });
export const idSchema = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "Not a valid id");
