package main

import (
	"strings"
	"testing"

	"k8s.io/pod-security-admission/policy"
)

const restrictedPod = `{"metadata":{"name":"ok"},"spec":{
 "securityContext":{"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}},
 "volumes":[{"name":"tmp","emptyDir":{}},{"name":"data","persistentVolumeClaim":{"claimName":"d"}}],
 "containers":[{"name":"main","image":"python:3.11",
  "securityContext":{"allowPrivilegeEscalation":false,"capabilities":{"drop":["ALL"]}}}]}}`

func evaluateText(t *testing.T, text string) []verdict {
	t.Helper()
	levelVersion, err := parseLevelVersion("restricted", "latest")
	if err != nil {
		t.Fatal(err)
	}
	evaluator, err := policy.NewEvaluator(policy.DefaultChecks())
	if err != nil {
		t.Fatal(err)
	}
	pods, err := decodePods("test", []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	var verdicts []verdict
	for _, pod := range pods {
		verdicts = append(verdicts, evaluate(evaluator, levelVersion, pod))
	}
	return verdicts
}

func TestRestrictedPodIsAllowed(t *testing.T) {
	verdicts := evaluateText(t, restrictedPod)
	if len(verdicts) != 1 || !verdicts[0].Allowed || verdicts[0].Name != "ok" {
		t.Fatalf("want one allowed pod 'ok', got %+v", verdicts)
	}
}

func TestEachWeakeningIsDenied(t *testing.T) {
	cases := map[string][2]string{
		"root user":          {`"runAsUser":1000`, `"runAsUser":0`},
		"runAsNonRoot false": {`"runAsNonRoot":true`, `"runAsNonRoot":false`},
		"unconfined seccomp": {`"type":"RuntimeDefault"`, `"type":"Unconfined"`},
		"privilege escalation": {
			`"allowPrivilegeEscalation":false`, `"allowPrivilegeEscalation":true`},
		"capabilities kept": {`"drop":["ALL"]`, `"drop":[]`},
		"hostPath volume":   {`"emptyDir":{}`, `"hostPath":{"path":"/"}`},
	}
	for name, edit := range cases {
		text := strings.Replace(restrictedPod, edit[0], edit[1], 1)
		if text == restrictedPod {
			t.Fatalf("%s: the edit did not apply", name)
		}
		verdicts := evaluateText(t, text)
		if verdicts[0].Allowed || len(verdicts[0].Reasons) == 0 {
			t.Errorf("%s: want denied with reasons, got %+v", name, verdicts[0])
		}
	}
}

func TestArrayAndLinesAgree(t *testing.T) {
	compact := strings.ReplaceAll(restrictedPod, "\n", "")
	second := strings.Replace(compact, `"name":"ok"`, `"name":"two"`, 1)
	lines := compact + "\n" + second
	array := "[" + compact + "," + second + "]"
	for _, text := range []string{lines, array} {
		verdicts := evaluateText(t, text)
		if len(verdicts) != 2 || verdicts[1].Name != "two" {
			t.Fatalf("want two pods, got %+v", verdicts)
		}
	}
}

func TestUnknownFieldIsRefused(t *testing.T) {
	text := strings.Replace(restrictedPod, `"runAsNonRoot":true`, `"runAsNonRot":true`, 1)
	if _, err := decodePods("test", []byte(text)); err == nil ||
		!strings.Contains(err.Error(), "runAsNonRot") {
		t.Fatalf("want an error naming the unknown field, got %v", err)
	}
}
