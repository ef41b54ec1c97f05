# gnuplot script written by symlab bench --only scaling; run in this folder: gnuplot scaling.gp
set encoding utf8
set terminal pngcairo size 1800,1100 font 'DejaVu Sans,11' noenhanced
set output 'scaling.png'
set multiplot layout 2,3 title 'Cost against neighbour slots (64-atom dense periodic structure, water widths, release build, one thread)'
set logscale xy
set xlabel 'neighbour slots per atom (nnei)'
set xtics (16, 32, 64, 128, 256)
set xrange [12:340]
set grid
set key font ',8'
set title 'R_s (P_s deepsets-sum): model E+F+W, CPU µs per atom'
set ylabel 'model E+F+W, CPU µs per atom'
set key bottom right
plot 'scaling.dat' index 0 using 1:2 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'gram-factored (N^0.99)', \
     'scaling.dat' index 1 using 1:2 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gram-dense (N^1.22)', \
     'scaling.dat' index 2 using 1:2 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'truncated-axis (N^1.05)', \
     'scaling.dat' index 3 using 1:2 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'knn-sparse (N^0.99)', \
     'scaling.dat' index 4 using 1:2 with linespoints lc rgb '#E69F00' pt 7 ps 0.8 lw 1.5 title 'three-body-sparse (N^0.70)', \
     'scaling.dat' index 5 using 1:2 with linespoints lc rgb '#56B4E9' pt 7 ps 0.8 lw 1.5 title 'local-frame (N^0.98)', \
     'scaling.dat' index 6 using 1:2 with linespoints lc rgb '#000000' pt 7 ps 0.8 lw 1.5 title 'radial-only (N^1.10)', \
     'scaling.dat' index 7 using 1:2 with linespoints lc rgb '#8C564B' pt 7 ps 0.8 lw 1.5 title 'augmented-none (N^0.85)', \
     10*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     10*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'R_s (P_s deepsets-sum): stage forward, CPU µs per atom'
set ylabel 'stage forward, CPU µs per atom'
set key top left
plot 'scaling.dat' index 0 using 1:3 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'gram-factored (N^-0.03)', \
     'scaling.dat' index 1 using 1:3 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gram-dense (N^1.63)', \
     'scaling.dat' index 2 using 1:3 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'truncated-axis (N^-0.00)', \
     'scaling.dat' index 3 using 1:3 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'knn-sparse (N^0.82)', \
     'scaling.dat' index 4 using 1:3 with linespoints lc rgb '#E69F00' pt 7 ps 0.8 lw 1.5 title 'three-body-sparse (N^-0.03)', \
     'scaling.dat' index 5 using 1:3 with linespoints lc rgb '#56B4E9' pt 7 ps 0.8 lw 1.5 title 'local-frame (N^0.06)', \
     'scaling.dat' index 6 using 1:3 with linespoints lc rgb '#000000' pt 7 ps 0.8 lw 1.5 title 'radial-only (N^1.37)', \
     'scaling.dat' index 7 using 1:3 with linespoints lc rgb '#8C564B' pt 7 ps 0.8 lw 1.5 title 'augmented-none (N^0.00)', \
     10*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     10*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'R_s (P_s deepsets-sum): stage forward FLOPs per atom'
set ylabel 'stage forward FLOPs per atom'
set key bottom right
plot 'scaling.dat' index 0 using 1:5 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'gram-factored', \
     'scaling.dat' index 1 using 1:5 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gram-dense', \
     'scaling.dat' index 2 using 1:5 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'truncated-axis', \
     'scaling.dat' index 3 using 1:5 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'knn-sparse', \
     'scaling.dat' index 4 using 1:5 with linespoints lc rgb '#E69F00' pt 7 ps 0.8 lw 1.5 title 'three-body-sparse', \
     'scaling.dat' index 5 using 1:5 with linespoints lc rgb '#56B4E9' pt 7 ps 0.8 lw 1.5 title 'local-frame', \
     'scaling.dat' index 6 using 1:5 with linespoints lc rgb '#000000' pt 7 ps 0.8 lw 1.5 title 'radial-only', \
     'scaling.dat' index 7 using 1:5 with linespoints lc rgb '#8C564B' pt 7 ps 0.8 lw 1.5 title 'augmented-none', \
     100*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     100*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'P_s (R_s gram-factored): model E+F+W, CPU µs per atom'
set ylabel 'model E+F+W, CPU µs per atom'
set key bottom right
plot 'scaling.dat' index 8 using 1:2 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'deepsets-sum (N^0.97)', \
     'scaling.dat' index 9 using 1:2 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gated-attention (N^1.37)', \
     'scaling.dat' index 10 using 1:2 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'sab (N^2.27)', \
     'scaling.dat' index 11 using 1:2 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'isab (N^1.02)', \
     10*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     10*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'P_s (R_s gram-factored): stage forward, CPU µs per atom'
set ylabel 'stage forward, CPU µs per atom'
set key bottom right
plot 'scaling.dat' index 8 using 1:3 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'deepsets-sum (N^1.49)', \
     'scaling.dat' index 9 using 1:3 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gated-attention (N^1.43)', \
     'scaling.dat' index 10 using 1:3 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'sab (N^1.87)', \
     'scaling.dat' index 11 using 1:3 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'isab (N^1.03)', \
     10*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     10*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'P_s (R_s gram-factored): stage forward FLOPs per atom'
set ylabel 'stage forward FLOPs per atom'
set key bottom right
plot 'scaling.dat' index 8 using 1:5 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'deepsets-sum', \
     'scaling.dat' index 9 using 1:5 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gated-attention', \
     'scaling.dat' index 10 using 1:5 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'sab', \
     'scaling.dat' index 11 using 1:5 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'isab', \
     100*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     100*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
unset multiplot
set terminal svg size 1800,1100 font 'DejaVu Sans,11' noenhanced
set output 'scaling.svg'
set multiplot layout 2,3 title 'Cost against neighbour slots (64-atom dense periodic structure, water widths, release build, one thread)'
set logscale xy
set xlabel 'neighbour slots per atom (nnei)'
set xtics (16, 32, 64, 128, 256)
set xrange [12:340]
set grid
set key font ',8'
set title 'R_s (P_s deepsets-sum): model E+F+W, CPU µs per atom'
set ylabel 'model E+F+W, CPU µs per atom'
set key bottom right
plot 'scaling.dat' index 0 using 1:2 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'gram-factored (N^0.99)', \
     'scaling.dat' index 1 using 1:2 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gram-dense (N^1.22)', \
     'scaling.dat' index 2 using 1:2 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'truncated-axis (N^1.05)', \
     'scaling.dat' index 3 using 1:2 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'knn-sparse (N^0.99)', \
     'scaling.dat' index 4 using 1:2 with linespoints lc rgb '#E69F00' pt 7 ps 0.8 lw 1.5 title 'three-body-sparse (N^0.70)', \
     'scaling.dat' index 5 using 1:2 with linespoints lc rgb '#56B4E9' pt 7 ps 0.8 lw 1.5 title 'local-frame (N^0.98)', \
     'scaling.dat' index 6 using 1:2 with linespoints lc rgb '#000000' pt 7 ps 0.8 lw 1.5 title 'radial-only (N^1.10)', \
     'scaling.dat' index 7 using 1:2 with linespoints lc rgb '#8C564B' pt 7 ps 0.8 lw 1.5 title 'augmented-none (N^0.85)', \
     10*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     10*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'R_s (P_s deepsets-sum): stage forward, CPU µs per atom'
set ylabel 'stage forward, CPU µs per atom'
set key top left
plot 'scaling.dat' index 0 using 1:3 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'gram-factored (N^-0.03)', \
     'scaling.dat' index 1 using 1:3 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gram-dense (N^1.63)', \
     'scaling.dat' index 2 using 1:3 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'truncated-axis (N^-0.00)', \
     'scaling.dat' index 3 using 1:3 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'knn-sparse (N^0.82)', \
     'scaling.dat' index 4 using 1:3 with linespoints lc rgb '#E69F00' pt 7 ps 0.8 lw 1.5 title 'three-body-sparse (N^-0.03)', \
     'scaling.dat' index 5 using 1:3 with linespoints lc rgb '#56B4E9' pt 7 ps 0.8 lw 1.5 title 'local-frame (N^0.06)', \
     'scaling.dat' index 6 using 1:3 with linespoints lc rgb '#000000' pt 7 ps 0.8 lw 1.5 title 'radial-only (N^1.37)', \
     'scaling.dat' index 7 using 1:3 with linespoints lc rgb '#8C564B' pt 7 ps 0.8 lw 1.5 title 'augmented-none (N^0.00)', \
     10*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     10*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'R_s (P_s deepsets-sum): stage forward FLOPs per atom'
set ylabel 'stage forward FLOPs per atom'
set key bottom right
plot 'scaling.dat' index 0 using 1:5 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'gram-factored', \
     'scaling.dat' index 1 using 1:5 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gram-dense', \
     'scaling.dat' index 2 using 1:5 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'truncated-axis', \
     'scaling.dat' index 3 using 1:5 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'knn-sparse', \
     'scaling.dat' index 4 using 1:5 with linespoints lc rgb '#E69F00' pt 7 ps 0.8 lw 1.5 title 'three-body-sparse', \
     'scaling.dat' index 5 using 1:5 with linespoints lc rgb '#56B4E9' pt 7 ps 0.8 lw 1.5 title 'local-frame', \
     'scaling.dat' index 6 using 1:5 with linespoints lc rgb '#000000' pt 7 ps 0.8 lw 1.5 title 'radial-only', \
     'scaling.dat' index 7 using 1:5 with linespoints lc rgb '#8C564B' pt 7 ps 0.8 lw 1.5 title 'augmented-none', \
     100*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     100*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'P_s (R_s gram-factored): model E+F+W, CPU µs per atom'
set ylabel 'model E+F+W, CPU µs per atom'
set key bottom right
plot 'scaling.dat' index 8 using 1:2 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'deepsets-sum (N^0.97)', \
     'scaling.dat' index 9 using 1:2 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gated-attention (N^1.37)', \
     'scaling.dat' index 10 using 1:2 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'sab (N^2.27)', \
     'scaling.dat' index 11 using 1:2 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'isab (N^1.02)', \
     10*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     10*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'P_s (R_s gram-factored): stage forward, CPU µs per atom'
set ylabel 'stage forward, CPU µs per atom'
set key bottom right
plot 'scaling.dat' index 8 using 1:3 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'deepsets-sum (N^1.49)', \
     'scaling.dat' index 9 using 1:3 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gated-attention (N^1.43)', \
     'scaling.dat' index 10 using 1:3 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'sab (N^1.87)', \
     'scaling.dat' index 11 using 1:3 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'isab (N^1.03)', \
     10*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     10*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
set title 'P_s (R_s gram-factored): stage forward FLOPs per atom'
set ylabel 'stage forward FLOPs per atom'
set key bottom right
plot 'scaling.dat' index 8 using 1:5 with linespoints lc rgb '#0072B2' pt 7 ps 0.8 lw 1.5 title 'deepsets-sum', \
     'scaling.dat' index 9 using 1:5 with linespoints lc rgb '#D55E00' pt 7 ps 0.8 lw 1.5 title 'gated-attention', \
     'scaling.dat' index 10 using 1:5 with linespoints lc rgb '#009E73' pt 7 ps 0.8 lw 1.5 title 'sab', \
     'scaling.dat' index 11 using 1:5 with linespoints lc rgb '#CC79A7' pt 7 ps 0.8 lw 1.5 title 'isab', \
     100*(x/16) with lines dt 2 lc rgb '#999999' title 'slope 1', \
     100*(x/16)**2 with lines dt 3 lc rgb '#999999' title 'slope 2'
unset multiplot
unset output
