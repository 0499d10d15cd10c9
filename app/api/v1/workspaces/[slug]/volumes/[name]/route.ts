import { serve } from "@/lib/api/operation";
import { deleteVolumeOperation } from "@/lib/api/v1/volume-operations";

export const DELETE = serve(deleteVolumeOperation);
