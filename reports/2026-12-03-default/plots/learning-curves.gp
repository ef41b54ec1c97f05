# gnuplot script written by symlab report; run in this folder: gnuplot learning-curves.gp
set encoding utf8
set terminal pngcairo size 1400,500 font 'DejaVu Sans,11' noenhanced
set output 'learning-curves.png'
set multiplot title 'Validation error during training, every seed'
set xlabel 'training step'
set logscale y
set grid
set key at screen 0.81, screen 0.88 left top Left reverse
set origin 0.0, 0
set size 0.4, 0.94
set ylabel 'validation force RMSE (meV/Å)'
plot 'curves.dat' index 0 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 1 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 2 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 3 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 4 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 5 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 6 using 1:2 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 7 using 1:2 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 8 using 1:2 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 9 using 1:2 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 10 using 1:2 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 11 using 1:2 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 12 using 1:2 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 13 using 1:2 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 14 using 1:2 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 15 using 1:2 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 16 using 1:2 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 17 using 1:2 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 18 using 1:2 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 19 using 1:2 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 20 using 1:2 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 21 using 1:2 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 22 using 1:2 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 23 using 1:2 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 24 using 1:2 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 25 using 1:2 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 26 using 1:2 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 27 using 1:2 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 28 using 1:2 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 29 using 1:2 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 30 using 1:2 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 31 using 1:2 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 32 using 1:2 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 33 using 1:2 with lines lc rgb '#E41A1C' lw 1 notitle, \
     'curves.dat' index 34 using 1:2 with lines lc rgb '#E41A1C' lw 1 notitle, \
     'curves.dat' index 35 using 1:2 with lines lc rgb '#E41A1C' lw 1 notitle
set origin 0.4, 0
set size 0.4, 0.94
set ylabel 'validation energy RMSE (meV/atom)'
plot 'curves.dat' index 0 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 1 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 2 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 3 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 4 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 5 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 6 using 1:3 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 7 using 1:3 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 8 using 1:3 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 9 using 1:3 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 10 using 1:3 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 11 using 1:3 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 12 using 1:3 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 13 using 1:3 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 14 using 1:3 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 15 using 1:3 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 16 using 1:3 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 17 using 1:3 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 18 using 1:3 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 19 using 1:3 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 20 using 1:3 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 21 using 1:3 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 22 using 1:3 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 23 using 1:3 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 24 using 1:3 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 25 using 1:3 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 26 using 1:3 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 27 using 1:3 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 28 using 1:3 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 29 using 1:3 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 30 using 1:3 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 31 using 1:3 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 32 using 1:3 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 33 using 1:3 with lines lc rgb '#E41A1C' lw 1 notitle, \
     'curves.dat' index 34 using 1:3 with lines lc rgb '#E41A1C' lw 1 notitle, \
     'curves.dat' index 35 using 1:3 with lines lc rgb '#E41A1C' lw 1 notitle, \
     NaN with lines lc rgb '#0072B2' lw 2 title 'se_e2_a', \
     NaN with lines lc rgb '#D55E00' lw 2 title 'mean', \
     NaN with lines lc rgb '#009E73' lw 2 title 'attention-pooling', \
     NaN with lines lc rgb '#CC79A7' lw 2 title 'gated-attention (small)', \
     NaN with lines lc rgb '#E69F00' lw 2 title 'isab (small)', \
     NaN with lines lc rgb '#56B4E9' lw 2 title 'pma', \
     NaN with lines lc rgb '#000000' lw 2 title 'gram-dense', \
     NaN with lines lc rgb '#8C564B' lw 2 title 'truncated-axis (M2 = 4)', \
     NaN with lines lc rgb '#7F7F7F' lw 2 title 'knn-sparse', \
     NaN with lines lc rgb '#BCBD22' lw 2 title 'three-body-sparse', \
     NaN with lines lc rgb '#9467BD' lw 2 title 'local-frame', \
     NaN with lines lc rgb '#E41A1C' lw 2 title 'radial-only'
unset multiplot
set terminal svg size 1400,500 font 'DejaVu Sans,11' noenhanced
set output 'learning-curves.svg'
set multiplot title 'Validation error during training, every seed'
set xlabel 'training step'
set logscale y
set grid
set key at screen 0.81, screen 0.88 left top Left reverse
set origin 0.0, 0
set size 0.4, 0.94
set ylabel 'validation force RMSE (meV/Å)'
plot 'curves.dat' index 0 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 1 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 2 using 1:2 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 3 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 4 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 5 using 1:2 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 6 using 1:2 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 7 using 1:2 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 8 using 1:2 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 9 using 1:2 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 10 using 1:2 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 11 using 1:2 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 12 using 1:2 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 13 using 1:2 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 14 using 1:2 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 15 using 1:2 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 16 using 1:2 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 17 using 1:2 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 18 using 1:2 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 19 using 1:2 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 20 using 1:2 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 21 using 1:2 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 22 using 1:2 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 23 using 1:2 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 24 using 1:2 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 25 using 1:2 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 26 using 1:2 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 27 using 1:2 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 28 using 1:2 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 29 using 1:2 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 30 using 1:2 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 31 using 1:2 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 32 using 1:2 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 33 using 1:2 with lines lc rgb '#E41A1C' lw 1 notitle, \
     'curves.dat' index 34 using 1:2 with lines lc rgb '#E41A1C' lw 1 notitle, \
     'curves.dat' index 35 using 1:2 with lines lc rgb '#E41A1C' lw 1 notitle
set origin 0.4, 0
set size 0.4, 0.94
set ylabel 'validation energy RMSE (meV/atom)'
plot 'curves.dat' index 0 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 1 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 2 using 1:3 with lines lc rgb '#0072B2' lw 1 notitle, \
     'curves.dat' index 3 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 4 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 5 using 1:3 with lines lc rgb '#D55E00' lw 1 notitle, \
     'curves.dat' index 6 using 1:3 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 7 using 1:3 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 8 using 1:3 with lines lc rgb '#009E73' lw 1 notitle, \
     'curves.dat' index 9 using 1:3 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 10 using 1:3 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 11 using 1:3 with lines lc rgb '#CC79A7' lw 1 notitle, \
     'curves.dat' index 12 using 1:3 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 13 using 1:3 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 14 using 1:3 with lines lc rgb '#E69F00' lw 1 notitle, \
     'curves.dat' index 15 using 1:3 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 16 using 1:3 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 17 using 1:3 with lines lc rgb '#56B4E9' lw 1 notitle, \
     'curves.dat' index 18 using 1:3 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 19 using 1:3 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 20 using 1:3 with lines lc rgb '#000000' lw 1 notitle, \
     'curves.dat' index 21 using 1:3 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 22 using 1:3 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 23 using 1:3 with lines lc rgb '#8C564B' lw 1 notitle, \
     'curves.dat' index 24 using 1:3 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 25 using 1:3 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 26 using 1:3 with lines lc rgb '#7F7F7F' lw 1 notitle, \
     'curves.dat' index 27 using 1:3 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 28 using 1:3 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 29 using 1:3 with lines lc rgb '#BCBD22' lw 1 notitle, \
     'curves.dat' index 30 using 1:3 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 31 using 1:3 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 32 using 1:3 with lines lc rgb '#9467BD' lw 1 notitle, \
     'curves.dat' index 33 using 1:3 with lines lc rgb '#E41A1C' lw 1 notitle, \
     'curves.dat' index 34 using 1:3 with lines lc rgb '#E41A1C' lw 1 notitle, \
     'curves.dat' index 35 using 1:3 with lines lc rgb '#E41A1C' lw 1 notitle, \
     NaN with lines lc rgb '#0072B2' lw 2 title 'se_e2_a', \
     NaN with lines lc rgb '#D55E00' lw 2 title 'mean', \
     NaN with lines lc rgb '#009E73' lw 2 title 'attention-pooling', \
     NaN with lines lc rgb '#CC79A7' lw 2 title 'gated-attention (small)', \
     NaN with lines lc rgb '#E69F00' lw 2 title 'isab (small)', \
     NaN with lines lc rgb '#56B4E9' lw 2 title 'pma', \
     NaN with lines lc rgb '#000000' lw 2 title 'gram-dense', \
     NaN with lines lc rgb '#8C564B' lw 2 title 'truncated-axis (M2 = 4)', \
     NaN with lines lc rgb '#7F7F7F' lw 2 title 'knn-sparse', \
     NaN with lines lc rgb '#BCBD22' lw 2 title 'three-body-sparse', \
     NaN with lines lc rgb '#9467BD' lw 2 title 'local-frame', \
     NaN with lines lc rgb '#E41A1C' lw 2 title 'radial-only'
unset multiplot
unset output
