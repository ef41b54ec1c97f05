import Foundation

// Exact expected outputs of the report writers for `ReportFixtures` tables. The statistics in them
// were checked against scipy 1.17 (Wilcoxon 0.0078125 and 0.59375, paired t 6.47e-05 and 0.742,
// Welch 0.487 and 0.813, Mann-Whitney 0.247 and 0.728, t-interval of the baseline [246.97, 303.03]).
// When a writer changes on purpose, regenerate them and read the diff.
enum ExpectedReports {
    /// `MarkdownReport.render` of the eight-seed table (seed 8 of `noisy` missing), with its plots.
    static let eightSeedMarkdown = #"""
# Suite `fixture`

A fixture suite.

Suite file `experiments/fixture.yaml` (base config `base.yaml`); baseline **se_e2_a**; headline metric validation force RMSE (meV/Å). The 31 finished runs spanned 8m00s of wall time (first start to last end; 31m00s summed over runs, 29m58s CPU).

## Findings

31 of 32 runs finished (4 variants × 8 seeds); 1 has no result yet (rerun `symlab run` to finish the suite). After Holm correction across 2 comparisons, better has a lower validation force RMSE than the baseline (se_e2_a, mean 275.0 meV/Å): better −11.0 meV/Å (−4.2%), lower in 8 of 8 seeds, Wilcoxon p = 0.008, adjusted 0.016. noisy does not differ from the baseline in validation force RMSE at the 5% level after Holm correction (adjusted p 0.59): noisy +2.00 meV/Å (+0.8%), lower in 3 of 7 seeds. same gives the baseline's validation force RMSE to within 1e-9 relative in every seed (the same function of the weights; only the cost differs). On mean validation force RMSE against forward FLOPs per atom, the Pareto front is same (4.0k FLOPs/atom, 275.0 meV/Å) → better (20.0k FLOPs/atom, 263.5 meV/Å); se_e2_a and noisy are dominated (on means; see the intervals). Every trained model keeps rotation, translation and permutation invariance to ≤ 3.0e-15 relative (tolerance 1e-10).

## Validation force RMSE (meV/Å)

| variant | runs ok | mean ± CI | bootstrap CI | sd | median | Δ median | seeds lower | p Holm | params | FLOPs/atom | train ms/step | max sym. error |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| se_e2_a (baseline) | 8/8 | 275.0 ± 28.0 | [255.2, 297.8] | 33.5 | 258.5 | – | – | – | 1.0k | 6.0k | 10.0 | 3.0e-15 |
| better | 8/8 | 263.5 ± 25.8 | [245.4, 284.6] | 30.8 | 248.5 | −11.0 (−4.2%) | 8/8 | 0.016 \* | 1.2k | 20.0k | 11.0 | 3.0e-15 |
| noisy | 7/8 | 279.4 ± 34.2 | [255.6, 306.3] | 37.0 | 258.0 | +2.00 (+0.8%) | 3/7 | 0.59 | 1.4k | 9.0k | 12.0 | 3.0e-15 |
| same | 8/8 | 275.0 ± 28.0 | [255.2, 297.8] | 33.5 | 258.5 | 0 (0.0%) | 0/8 | – ≡ | 1.6k | 4.0k | 13.0 | 3.0e-15 |

Mean ± 95% t-interval, the percentile bootstrap interval of the mean (10,000 resamples), standard deviation and median over seeds. Δ: median of the paired differences (variant − baseline, same seed) and relative to the baseline's median. p Holm: two-sided Wilcoxon signed-rank on the pairs, Holm-corrected across the variants (those identical to the baseline excluded); \* marks adjusted p < 0.05 with at least 5 pairs; ≡ marks values identical to the baseline's (1e-9 relative). Cost and symmetry columns: see below.

### Tests against the baseline

| variant | pairs | mean Δ [95% CI] | p paired t | p Wilcoxon | p Holm | d_z | r | p Welch | p Mann–Whitney | Hedges g | Cliff δ |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| better | 8 | −11.5 [−14.7, −8.28] | 6.5e-05 | 0.008 | 0.016 | −2.98 | −1.00 | 0.49 | 0.25 | −0.338 | −0.359 |
| noisy | 7 | +0.571 [−3.49, +4.63] | 0.74 | 0.59 | 0.59 | +0.13 | +0.25 | 0.81 | 0.73 | +0.118 | +0.125 |
| same | 8 | 0 | – | 1 | – | – | – | 1 | 1 | 0 | 0 |

Paired: mean difference with its 95% t-interval, paired t-test, Wilcoxon signed-rank, Cohen's d_z and the matched-pairs rank-biserial r. Unpaired (ignoring the pairing): Welch's t-test, Mann–Whitney U, Hedges' g and Cliff's δ. All p two-sided, unadjusted except the Holm column.

### Every accuracy metric

| variant | val E RMSE (meV/atom) | val E MAE (meV/atom) | val F RMSE (meV/Å) | val F MAE (meV/Å) |
| --- | ---: | ---: | ---: | ---: |
| se_e2_a | 2.75 ± 0.28 | 2.29 ± 0.234 | 275.0 ± 28.0 | 220.0 ± 22.4 |
| better | 2.63 ± 0.258 | 2.20 ± 0.215 | 263.5 ± 25.8 | 210.8 ± 20.6 |
| noisy | 2.79 ± 0.342 | 2.33 ± 0.285 | 279.4 ± 34.2 | 223.5 ± 27.4 |
| same | 2.75 ± 0.28 | 2.29 ± 0.234 | 275.0 ± 28.0 | 220.0 ± 22.4 |

### Cost and symmetry

| variant | parameters | FLOPs/atom | train ms/step | infer µs/atom | rotation | translation | permutation |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
| se_e2_a | 1.0k | 6.0k | 10.0 | 100.0 | 3.0e-15 | 1.0e-15 | 2.0e-16 |
| better | 1.2k | 20.0k | 11.0 | 110.0 | 3.0e-15 | 1.0e-15 | 2.0e-16 |
| noisy | 1.4k | 9.0k | 12.0 | 120.0 | 3.0e-15 | 1.0e-15 | 2.0e-16 |
| same | 1.6k | 4.0k | 13.0 | 130.0 | 3.0e-15 | 1.0e-15 | 2.0e-16 |

FLOPs: forward energy evaluation per atom from the variants' cost functions (multiply-add = 2). Timings: medians on the machines in the provenance below. Symmetry errors: largest relative error of E, F, W over GSL-random rotations, translations and same-type permutations of validation frames, worst seed.

### Every seed (val F RMSE, meV/Å)

| seed | se_e2_a | better | noisy | same |
| --- | ---: | ---: | ---: | ---: |
| 1 | 250.0 | 240.0 | 255.0 | 250.0 |
| 2 | 262.0 | 250.0 | 258.0 | 262.0 |
| 3 | 331.0 | 318.0 | 335.0 | 331.0 |
| 4 | 244.0 | 236.0 | 240.0 | 244.0 |
| 5 | 300.0 | 281.0 | 305.0 | 300.0 |
| 6 | 255.0 | 247.0 | 251.0 | 255.0 |
| 7 | 310.0 | 296.0 | 312.0 | 310.0 |
| 8 | 248.0 | 240.0 | – | 248.0 |

## Plots

![Learning curves](plots/learning-curves.png)

*Validation force (left) and energy (right) RMSE on the learning-curve frames against training step; one line per run, colour by variant.* ([SVG](plots/learning-curves.svg))

![Final error per variant](plots/final-error.png)

*Validation force RMSE of every run (points, one per seed, grey lines join the runs of one seed) with each variant's mean and 95% t-interval.* ([SVG](plots/final-error.svg))

![Accuracy against cost](plots/pareto.png)

*Mean validation force RMSE of each variant with its 95% t-interval against forward FLOPs per atom; the dashed line joins the variants no other variant beats on both.* ([SVG](plots/pareto.svg))

![Cost against neighbour count](plots/cost-scaling.png)

*Forward FLOPs per atom computed from each variant's cost functions with sel scaled to the given total (same widths); computed, not timed.* ([SVG](plots/cost-scaling.svg))

## Provenance

- code (git commit, dirty): `abc123, false`
- binary (build commit, build): `release`
- machines (host, CPU, cores, memory GiB): `node1, Test CPU, 2, 8.0`
- OpenBLAS: `OpenBLAS 0.3.21`
- GSL: `2.7.1`
- Swift: `>= 6.3`
- OS: `Debian 12`
- runs started between 2026-12-01T10:01:00Z and 2026-12-01T10:08:00Z
- suite plan: 32 runs; working directory `/work`

"""#

    /// `CSVReport.render` of the small table with a failed and a missing run.
    static let smallCSV = #"""
run_id,suite,dataset,variant,baseline,seed,status,reason,steps,training.seed,model.descriptor.rotation,validation.energy_rmse [meV/atom],validation.energy_mae [meV/atom],validation.force_rmse [meV/Å],validation.force_mae [meV/Å],validation.virial_rmse [meV/atom],validation.virial_mae [meV/atom],test.energy_rmse [meV/atom],test.energy_mae [meV/atom],test.force_rmse [meV/Å],test.force_mae [meV/Å],test.virial_rmse [meV/atom],test.virial_mae [meV/atom],parameters,flops_per_atom,train_ms_per_step [ms],infer_us_per_atom [µs],symmetry.rotation [rel],symmetry.translation [rel],symmetry.permutation [rel],wall_s,cpu_s,host,cpu,git_commit,build
run0s1,fixture,data/si,se_e2_a,true,1,ok,,100,1,,2.5,2.0833333333333335,250,200,,,,,,,,,1000,6000,10,100,3e-15,1e-15,2e-16,60,58,node1,Test CPU,abc123,release
run1s1,fixture,data/si,x,false,1,ok,,100,1,x,2.4,2,240,192,,,,,,,,,1200,20000,11,110,0.03,1e-15,2e-16,60,58,node1,Test CPU,abc123,release
run0s2,fixture,data/si,se_e2_a,true,2,ok,,100,2,,2.6,2.1666666666666665,260,208.00000000000003,,,,,,,,,1000,6000,10,100,3e-15,1e-15,2e-16,60,58,node1,Test CPU,abc123,release
run1s2,fixture,data/si,x,false,2,missing,,,2,x,,,,,,,,,,,,,,,,,,,,,,,,,
run0s3,fixture,data/si,se_e2_a,true,3,ok,,100,3,,3.3,2.7500000000000004,330,264,,,,,,,,,1000,6000,10,100,3e-15,1e-15,2e-16,60,58,node1,Test CPU,abc123,release
run1s3,fixture,data/si,x,false,3,ok,,100,3,x,3.2,2.6666666666666665,320,256,,,,,,,,,1200,20000,11,110,0.03,1e-15,2e-16,60,58,node1,Test CPU,abc123,release
run0s4,fixture,data/si,se_e2_a,true,4,failed,training diverged at step 7: loss is nan,7,4,,,,,,,,,,,,,,,,,,,,,0,0,,,,
run1s4,fixture,data/si,x,false,4,ok,,100,4,x,3,2.5,300,240,,,,,,,,,1200,20000,11,110,0.03,1e-15,2e-16,60,58,node1,Test CPU,abc123,release

"""#

    /// The final-error plot of the eight-seed table: script and data files.
    static let finalErrorScript = #"""
# gnuplot script written by symlab report; run in this folder: gnuplot final-error.gp
set encoding utf8
set terminal pngcairo size 900,560 font 'DejaVu Sans,11' noenhanced
set output 'final-error.png'
set title 'Validation force RMSE per variant, every seed'
set ylabel 'val F RMSE (meV/Å)'
set xrange [-0.6:3.6]
set xtics ('se_e2_a' 0, 'better' 1, 'noisy' 2, 'same' 3) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#CC79A7')
set cbrange [0:3]
unset colorbox
set key top right
plot for [i=0:7] 'final.dat' index i using 1:2 with lines lc rgb '#BBBBBB' lw 1 notitle, \
     for [i=0:7] 'final.dat' index i using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'final-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with lines lc rgb '#BBBBBB' title 'same seed'
set terminal svg size 900,560 font 'DejaVu Sans,11' noenhanced
set output 'final-error.svg'
set title 'Validation force RMSE per variant, every seed'
set ylabel 'val F RMSE (meV/Å)'
set xrange [-0.6:3.6]
set xtics ('se_e2_a' 0, 'better' 1, 'noisy' 2, 'same' 3) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#CC79A7')
set cbrange [0:3]
unset colorbox
set key top right
plot for [i=0:7] 'final.dat' index i using 1:2 with lines lc rgb '#BBBBBB' lw 1 notitle, \
     for [i=0:7] 'final.dat' index i using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'final-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with lines lc rgb '#BBBBBB' title 'same seed'
unset output

"""#
    static let finalErrorData = #"""
# seed 1
-0.08 250.0 0
0.92 240.0 1
1.92 255.0 2
2.92 250.0 3


# seed 2
-0.05714285714285715 262.0 0
0.9428571428571428 250.0 1
1.9428571428571428 258.0 2
2.942857142857143 262.0 3


# seed 3
-0.03428571428571429 331.0 0
0.9657142857142857 318.0 1
1.9657142857142857 335.0 2
2.9657142857142857 331.0 3


# seed 4
-0.011428571428571432 244.0 0
0.9885714285714285 236.0 1
1.9885714285714287 240.0 2
2.9885714285714284 244.0 3


# seed 5
0.011428571428571423 300.0 0
1.0114285714285713 281.0 1
2.0114285714285716 305.0 2
3.0114285714285716 300.0 3


# seed 6
0.03428571428571429 255.0 0
1.0342857142857143 247.0 1
2.0342857142857143 251.0 2
3.0342857142857143 255.0 3


# seed 7
0.057142857142857134 310.0 0
1.0571428571428572 296.0 1
2.057142857142857 312.0 2
3.057142857142857 310.0 3


# seed 8
0.08 248.0 0
1.08 240.0 1
3.08 248.0 3

"""#
    static let finalErrorMeans = #"""
0 275.0 246.96790914571963 303.03209085428034
1 263.5 237.7359797825272 289.2640202174728
2 279.42857142857144 245.19321376330436 313.66392909383853
3 275.0 246.96790914571963 303.03209085428034

"""#
}
