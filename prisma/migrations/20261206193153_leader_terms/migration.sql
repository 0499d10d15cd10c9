-- CreateTable
CREATE TABLE "leader_terms" (
    "name" TEXT NOT NULL,
    "term" BIGINT NOT NULL,
    "holder" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "leader_terms_pkey" PRIMARY KEY ("name")
);
