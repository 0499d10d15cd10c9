import { serve } from "@/lib/api/operation";
import { createVolumeOperation, listVolumesOperation } from "@/lib/api/v1/volume-operations";

export const GET = serve(listVolumesOperation);
export const POST = serve(createVolumeOperation);
