-- CreateTable
CREATE TABLE "kubeconfig_credentials" (
    "id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "membership_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "secret_name" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "kubeconfig_credentials_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "kubeconfig_credentials_secret_name_key" ON "kubeconfig_credentials"("secret_name");

-- CreateIndex
CREATE INDEX "kubeconfig_credentials_workspace_id_user_id_created_at_idx" ON "kubeconfig_credentials"("workspace_id", "user_id", "created_at" DESC);

-- CreateIndex
CREATE INDEX "kubeconfig_credentials_membership_id_idx" ON "kubeconfig_credentials"("membership_id");

-- AddForeignKey
ALTER TABLE "kubeconfig_credentials" ADD CONSTRAINT "kubeconfig_credentials_workspace_id_fkey" FOREIGN KEY ("workspace_id") REFERENCES "workspaces"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kubeconfig_credentials" ADD CONSTRAINT "kubeconfig_credentials_membership_id_fkey" FOREIGN KEY ("membership_id") REFERENCES "memberships"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kubeconfig_credentials" ADD CONSTRAINT "kubeconfig_credentials_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
