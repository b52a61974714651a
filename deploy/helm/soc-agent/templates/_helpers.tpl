{{/* Names, labels and the pod template shared by every process of the chart. */}}

{{- define "soc-agent.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "soc-agent.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The name of one component's objects; `select_runbook` becomes `worker-select-runbook` (DNS names have no `_`). */}}
{{- define "soc-agent.componentName" -}}
{{- printf "%s-%s" (include "soc-agent.fullname" .root) (.component | replace "_" "-") | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "soc-agent.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "soc-agent.labels" -}}
helm.sh/chart: {{ include "soc-agent.chart" . }}
{{ include "soc-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: soc-agent
{{- end }}

{{- define "soc-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ include "soc-agent.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Selector labels of one component (dict: root, component, step). */}}
{{- define "soc-agent.componentSelectorLabels" -}}
{{ include "soc-agent.selectorLabels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- with .step }}
soc-agent/step: {{ . }}
{{- end }}
{{- end }}

{{- define "soc-agent.componentLabels" -}}
{{ include "soc-agent.labels" .root }}
app.kubernetes.io/component: {{ .component }}
{{- with .step }}
soc-agent/step: {{ . }}
{{- end }}
{{- end }}

{{- define "soc-agent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "soc-agent.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "soc-agent.secretName" -}}
{{- default (include "soc-agent.fullname" .) .Values.existingSecret }}
{{- end }}

{{- define "soc-agent.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
The variables marked secret in src/config/env.ts, plus REDIS_URL (a Redis URL may carry a password). They may
live only in the Secret; a unit test keeps this list equal to the schema's.
*/}}
{{- define "soc-agent.secretVariables" -}}
API_TOKEN API_COOKIE_SECRET MCP_HTTP_TOKEN ANTHROPIC_API_KEY ELASTICSEARCH_PASSWORD ELASTICSEARCH_API_KEY ABUSEIPDB_API_KEY OTX_API_KEY MISP_API_KEY DISCORD_BOT_TOKEN NOTIFY_WEBHOOK_URLS REDIS_URL
{{- end }}

{{/* The variables the chart sets itself from other values; `config` must not set them too. */}}
{{- define "soc-agent.chartVariables" -}}
REDIS_URL ELASTICSEARCH_URL ELASTICSEARCH_USERNAME API_HOST API_PORT METRICS_HOST METRICS_PORT MCP_HTTP_HOST MCP_HTTP_PORT MCP_HTTP_ALLOWED_HOSTS MCP_HTTP_ALLOWED_ORIGINS INTEL_CACHE_DIR WORKER_CONCURRENCY
{{- end }}

{{/* Where the threat-intel downloads go: an emptyDir, since the root filesystem is read-only. */}}
{{- define "soc-agent.cacheDir" -}}
/var/cache/soc-agent
{{- end }}

{{/* The MCP server's Service name and its in-cluster DNS names, all accepted in the Host header. */}}
{{- define "soc-agent.mcpAllowedHosts" -}}
{{- $service := include "soc-agent.componentName" (dict "root" . "component" "mcp-server") }}
{{- $hosts := list $service }}
{{- with .Release.Namespace }}
{{- $hosts = concat $hosts (list (printf "%s.%s" $service .) (printf "%s.%s.svc" $service .) (printf "%s.%s.svc.cluster.local" $service .)) }}
{{- end }}
{{- join "," (concat $hosts .Values.mcpServer.allowedHosts) }}
{{- end }}

{{/*
One process's Deployment (dict):
  root        the chart's root context
  component   api | producer | worker | mcp-server (the `app.kubernetes.io/component` label)
  name        the object name suffix (component, or `worker-<step>`)
  step        the worker's step, if any
  replicas    a number, or nil when an autoscaler owns the count
  args        the arguments after `node`
  env         extra variables (name → value) of this process only
  secretKeys  Secret keys this process reads; those in `requiredKeys` must exist
  port        name and number of the port the probes use
  liveness / readiness   probe paths
  probeHost   a Host header for the probes (the MCP server refuses other hosts)
  resources   requests and limits
  cache       whether to mount the threat-intel download folder
  metrics     whether Prometheus scrapes this pod's /metrics
  grace       terminationGracePeriodSeconds
*/}}
{{- define "soc-agent.deployment" -}}
{{- $root := .root -}}
{{- $labels := dict "root" $root "component" .component "step" .step -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "soc-agent.componentName" (dict "root" $root "component" .name) }}
  labels:
    {{- include "soc-agent.componentLabels" $labels | nindent 4 }}
spec:
  {{- if not (kindIs "invalid" .replicas) }}
  replicas: {{ .replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  selector:
    matchLabels:
      {{- include "soc-agent.componentSelectorLabels" $labels | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "soc-agent.componentSelectorLabels" $labels | nindent 8 }}
        {{- with $root.Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        # A changed ConfigMap or Secret rolls the pods, since variables are read once at start.
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        checksum/secret: {{ include (print $root.Template.BasePath "/secret.yaml") $root | sha256sum }}
        {{- if and .metrics $root.Values.metrics.annotations }}
        prometheus.io/scrape: "true"
        prometheus.io/port: {{ $root.Values.metrics.port | quote }}
        prometheus.io/path: /metrics
        {{- end }}
        {{- with $root.Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      serviceAccountName: {{ include "soc-agent.serviceAccountName" $root }}
      # No process talks to the Kubernetes API.
      automountServiceAccountToken: false
      {{- with $root.Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      {{- with .grace }}
      terminationGracePeriodSeconds: {{ . }}
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "soc-agent.image" $root | quote }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          command: ["node"]
          args:
            {{- toYaml .args | nindent 12 }}
          envFrom:
            - configMapRef:
                name: {{ include "soc-agent.fullname" $root }}
          env:
            {{- range $name, $value := .env }}
            - name: {{ $name }}
              value: {{ $value | toString | quote }}
            {{- end }}
            {{- $required := .requiredKeys | default list }}
            {{- range .secretKeys }}
            - name: {{ . }}
              valueFrom:
                secretKeyRef:
                  name: {{ include "soc-agent.secretName" $root }}
                  key: {{ . }}
                  optional: {{ not (has . $required) }}
            {{- end }}
          ports:
            - name: {{ .port.name }}
              containerPort: {{ .port.number }}
              protocol: TCP
          {{- $probeHeaders := list }}
          {{- with .probeHost }}
          {{- $probeHeaders = list (dict "name" "Host" "value" .) }}
          {{- end }}
          startupProbe:
            httpGet:
              path: {{ .liveness }}
              port: {{ .port.name }}
              {{- with $probeHeaders }}
              httpHeaders:
                {{- toYaml . | nindent 16 }}
              {{- end }}
            periodSeconds: 2
            failureThreshold: 60
          livenessProbe:
            httpGet:
              path: {{ .liveness }}
              port: {{ .port.name }}
              {{- with $probeHeaders }}
              httpHeaders:
                {{- toYaml . | nindent 16 }}
              {{- end }}
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          readinessProbe:
            httpGet:
              path: {{ .readiness }}
              port: {{ .port.name }}
              {{- with $probeHeaders }}
              httpHeaders:
                {{- toYaml . | nindent 16 }}
              {{- end }}
            periodSeconds: 10
            timeoutSeconds: 3
            failureThreshold: 3
          resources:
            {{- toYaml .resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- if .cache }}
            - name: cache
              mountPath: {{ include "soc-agent.cacheDir" $root }}
            {{- end }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: 64Mi
        {{- if .cache }}
        - name: cache
          emptyDir:
            sizeLimit: 256Mi
        {{- end }}
      {{- with $root.Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $root.Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
