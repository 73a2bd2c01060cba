// Command psa-check evaluates pods against Pod Security Standards with the upstream
// k8s.io/pod-security-admission policy code (the same checks the admission plugin runs).
//
// Input: Pod objects (apiVersion/kind optional, metadata.name used in reports) as a JSON array
// or as JSON lines, on stdin or from the files named as arguments. Unknown fields are an
// error, so a pod extracted with a misspelt field cannot pass by being ignored.
//
// Output: one line per pod, `allowed NAME` or `denied NAME: reason: detail; ...`, or with
// -json one JSON object per pod. Exit 0 when every pod is allowed, 1 when any is denied,
// 2 on bad input.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/pod-security-admission/api"
	"k8s.io/pod-security-admission/policy"
)

type verdict struct {
	Name    string   `json:"name"`
	Allowed bool     `json:"allowed"`
	Reasons []string `json:"reasons"`
}

func main() {
	level := flag.String("level", "restricted", "Pod Security level: privileged, baseline or restricted")
	version := flag.String("version", "latest", "policy version: latest or v1.N")
	asJSON := flag.Bool("json", false, "print one JSON object per pod")
	flag.Parse()

	levelVersion, err := parseLevelVersion(*level, *version)
	if err != nil {
		fail(err)
	}
	evaluator, err := policy.NewEvaluator(policy.DefaultChecks())
	if err != nil {
		fail(err)
	}
	pods, err := readAll(flag.Args())
	if err != nil {
		fail(err)
	}
	if len(pods) == 0 {
		fail(fmt.Errorf("no pods in the input"))
	}
	denied := 0
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for _, pod := range pods {
		result := evaluate(evaluator, levelVersion, pod)
		if !result.Allowed {
			denied++
		}
		if *asJSON {
			line, _ := json.Marshal(result)
			fmt.Fprintln(out, string(line))
		} else {
			printVerdict(out, result)
		}
	}
	out.Flush()
	if denied > 0 {
		fmt.Fprintf(os.Stderr, "psa-check: %d of %d pods denied at %s\n", denied, len(pods), levelVersion.String())
		os.Exit(1)
	}
}

func parseLevelVersion(level, version string) (api.LevelVersion, error) {
	parsedLevel, err := api.ParseLevel(level)
	if err != nil {
		return api.LevelVersion{}, err
	}
	parsedVersion, err := api.ParseVersion(version)
	if err != nil {
		return api.LevelVersion{}, err
	}
	return api.LevelVersion{Level: parsedLevel, Version: parsedVersion}, nil
}

func evaluate(evaluator policy.Evaluator, levelVersion api.LevelVersion, pod corev1.Pod) verdict {
	results := policy.AggregateCheckResults(evaluator.EvaluatePod(levelVersion, &pod.ObjectMeta, &pod.Spec))
	result := verdict{Name: pod.Name, Allowed: results.Allowed, Reasons: []string{}}
	for i, reason := range results.ForbiddenReasons {
		result.Reasons = append(result.Reasons, reason+": "+results.ForbiddenDetails[i])
	}
	return result
}

func printVerdict(out io.Writer, result verdict) {
	if result.Allowed {
		fmt.Fprintf(out, "allowed %s\n", result.Name)
		return
	}
	fmt.Fprintf(out, "denied %s:", result.Name)
	for i, reason := range result.Reasons {
		separator := " "
		if i > 0 {
			separator = "; "
		}
		fmt.Fprint(out, separator+reason)
	}
	fmt.Fprintln(out)
}

func readAll(paths []string) ([]corev1.Pod, error) {
	if len(paths) == 0 {
		data, err := io.ReadAll(os.Stdin)
		if err != nil {
			return nil, err
		}
		return decodePods("stdin", data)
	}
	var pods []corev1.Pod
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		more, err := decodePods(path, data)
		if err != nil {
			return nil, err
		}
		pods = append(pods, more...)
	}
	return pods, nil
}

// decodePods reads a JSON array of pods, or a stream of pod objects (JSON lines).
func decodePods(source string, data []byte) ([]corev1.Pod, error) {
	trimmed := bytes.TrimSpace(data)
	decoder := json.NewDecoder(bytes.NewReader(trimmed))
	decoder.DisallowUnknownFields()
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var pods []corev1.Pod
		if err := decoder.Decode(&pods); err != nil {
			return nil, fmt.Errorf("%s: %w", source, err)
		}
		return pods, nil
	}
	var pods []corev1.Pod
	for decoder.More() {
		var pod corev1.Pod
		if err := decoder.Decode(&pod); err != nil {
			return nil, fmt.Errorf("%s: pod %d: %w", source, len(pods)+1, err)
		}
		pods = append(pods, pod)
	}
	return pods, nil
}

func fail(err error) {
	fmt.Fprintf(os.Stderr, "psa-check: %v\n", err)
	os.Exit(2)
}
