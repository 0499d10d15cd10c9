{{/* Names and labels. */}}
{{- define "canopy.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "canopy.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "canopy.selector" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "canopy.serviceAccountName" -}}
{{- default (include "canopy.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "canopy.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* Every container: user 65532, no privilege, read-only root filesystem (docs/image.md). */}}
{{- define "canopy.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "canopy.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "canopy.secretEnv" -}}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .ref.existingSecret }}
      key: {{ .ref.key }}
{{- end -}}

{{/*
The environment every process reads (lib/config/env.ts): settings from the ConfigMap,
secrets by reference only.
*/}}
{{- define "canopy.env" -}}
envFrom:
  - configMapRef:
      name: {{ include "canopy.fullname" . }}
env:
  {{- include "canopy.secretEnv" (dict "name" "DATABASE_URL" "ref" .Values.database) | nindent 2 }}
  {{- include "canopy.secretEnv" (dict "name" "NEXTAUTH_SECRET" "ref" .Values.nextauth) | nindent 2 }}
  {{- range $env, $provider := dict "GITHUB_CLIENT_SECRET" .Values.auth.github "GOOGLE_CLIENT_SECRET" .Values.auth.google "OIDC_CLIENT_SECRET" .Values.auth.oidc "DEV_OIDC_CLIENT_SECRET" .Values.auth.devOidc }}
  {{- if $provider.clientId }}
  {{- include "canopy.secretEnv" (dict "name" $env "ref" $provider) | nindent 2 }}
  {{- end }}
  {{- end }}
  {{- if .Values.mail.existingSecret }}
  {{- include "canopy.secretEnv" (dict "name" "SMTP_URL" "ref" .Values.mail) | nindent 2 }}
  {{- end }}
  - name: CANOPY_SYSTEM_NAMESPACE
    valueFrom:
      fieldRef:
        fieldPath: metadata.namespace
  # The image sets HOSTNAME to the bind address (0.0.0.0), so the pod's name comes from here.
  - name: POD_NAME
    valueFrom:
      fieldRef:
        fieldPath: metadata.name
{{- end -}}

{{/* A label map as "key=value,key=value" (lib/config/env.ts matchLabels). */}}
{{- define "canopy.labelList" -}}
{{- $pairs := list -}}
{{- range $k, $v := . }}{{ $pairs = append $pairs (printf "%s=%s" $k $v) }}{{ end -}}
{{- join "," $pairs -}}
{{- end -}}

{{/* /tmp is the only writable path (Next's cache, temporary files). */}}
{{- define "canopy.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 256Mi
{{- end -}}
