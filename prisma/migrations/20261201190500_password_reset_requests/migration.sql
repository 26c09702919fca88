-- CreateTable
CREATE TABLE "password_reset_request" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "ip" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_reset_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "password_reset_request_email_created_at_idx" ON "password_reset_request"("email", "created_at");

-- CreateIndex
CREATE INDEX "password_reset_request_ip_created_at_idx" ON "password_reset_request"("ip", "created_at");
