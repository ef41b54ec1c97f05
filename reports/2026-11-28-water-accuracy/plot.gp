set terminal pngcairo size 900,500 font "DejaVu Sans,10"
set output 'validation-force-rmse.png'
set datafile separator ','
set logscale y
set xlabel 'training step'
set ylabel 'validation force RMSE (meV/Å), 3-frame sample'
set title 'se\_e2\_a on DeePMD water: SymLab, 3 seeds per schedule (DeePMD-kit single runs as points)'
set key outside right
plot for [s=1:3] sprintf('steps2000-seed%d-learning-curve.csv', s) every ::1 using 1:($7*1000) with lines lw 1.5 title sprintf('2,000 steps, seed %d', s), \
     for [s=1:3] sprintf('steps6000-seed%d-learning-curve.csv', s) every ::1 using 1:($7*1000) with lines lw 1.5 dt 2 title sprintf('6,000 steps, seed %d', s), \
     '-' using 1:2 with points pt 7 ps 1.5 lc rgb 'black' title 'DeePMD-kit 2,000-step run', \
     '-' using 1:2 with points pt 5 ps 1.5 lc rgb 'red' title 'DeePMD-kit 6,000-step run'
400,249
1600,236
2000,237
e
1500,147
3300,106
6000,90
e
