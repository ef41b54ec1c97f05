# gnuplot script written by symlab report; run in this folder: gnuplot final-error.gp
set encoding utf8
set terminal pngcairo size 900,560 font 'DejaVu Sans,11' noenhanced
set output 'final-error.png'
set title 'Validation force RMSE per variant, every seed'
set ylabel 'val F RMSE (meV/Å)'
set xrange [-0.6:11.6]
set xtics ('se_e2_a' 0, 'mean' 1, 'attention-pooling' 2, 'gated-attention (small)' 3, 'isab (small)' 4, 'pma' 5, 'gram-dense' 6, 'truncated-axis (M2 = 4)' 7, 'knn-sparse' 8, 'three-body-sparse' 9, 'local-frame' 10, 'radial-only' 11) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#CC79A7', 4 '#E69F00', 5 '#56B4E9', 6 '#000000', 7 '#8C564B', 8 '#7F7F7F', 9 '#BCBD22', 10 '#9467BD', 11 '#E41A1C')
set cbrange [0:11]
unset colorbox
set key top right
plot for [i=0:2] 'final.dat' index i using 1:2 with lines lc rgb '#BBBBBB' lw 1 notitle, \
     for [i=0:2] 'final.dat' index i using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'final-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with lines lc rgb '#BBBBBB' title 'same seed'
set terminal svg size 900,560 font 'DejaVu Sans,11' noenhanced
set output 'final-error.svg'
set title 'Validation force RMSE per variant, every seed'
set ylabel 'val F RMSE (meV/Å)'
set xrange [-0.6:11.6]
set xtics ('se_e2_a' 0, 'mean' 1, 'attention-pooling' 2, 'gated-attention (small)' 3, 'isab (small)' 4, 'pma' 5, 'gram-dense' 6, 'truncated-axis (M2 = 4)' 7, 'knn-sparse' 8, 'three-body-sparse' 9, 'local-frame' 10, 'radial-only' 11) rotate by -20
set grid ytics
set palette defined (0 '#0072B2', 1 '#D55E00', 2 '#009E73', 3 '#CC79A7', 4 '#E69F00', 5 '#56B4E9', 6 '#000000', 7 '#8C564B', 8 '#7F7F7F', 9 '#BCBD22', 10 '#9467BD', 11 '#E41A1C')
set cbrange [0:11]
unset colorbox
set key top right
plot for [i=0:2] 'final.dat' index i using 1:2 with lines lc rgb '#BBBBBB' lw 1 notitle, \
     for [i=0:2] 'final.dat' index i using 1:2:3 with points pt 7 ps 1.2 lc palette notitle, \
     'final-mean.dat' using 1:2:3:4 with yerrorbars pt 2 ps 2 lw 2 lc rgb 'black' title 'mean and 95% t-interval', \
     NaN with lines lc rgb '#BBBBBB' title 'same seed'
unset output
